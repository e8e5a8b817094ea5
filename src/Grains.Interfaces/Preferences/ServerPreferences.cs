namespace Com.Grains.Interfaces.Preferences;

/// <summary>Server-wide preferences an Administrator sets (SPEC PREF-1); more fields join as features arrive.</summary>
[GenerateSerializer, Immutable, Alias("com.preferences.v1")]
public sealed record ServerPreferences(
    [property: Id(0)] string SystemName,
    // Nullable so preferences saved before these fields existed read as "the default", not as 0.
    [property: Id(1)] int? SessionTimeout = null,
    [property: Id(2)] int? PasswordHistory = null)
{
    public const int SystemNameMaxLength = 32;
    public const int DefaultSessionTimeoutMinutes = 15;
    public const int DefaultPasswordHistory = 3;
    public const int PasswordHistoryMax = 10;

    public static ServerPreferences Defaults { get; } = new(SystemName: "COM");

    /// <summary>Minutes of inactivity before sign-out for users without their own setting (SPEC AUTH-5).</summary>
    public int SessionTimeoutMinutes => SessionTimeout ?? DefaultSessionTimeoutMinutes;

    /// <summary>How many previous passwords may not be used again (SPEC AUTH-3); at least the current one always.</summary>
    public int PasswordHistoryCount => PasswordHistory ?? DefaultPasswordHistory;
}
