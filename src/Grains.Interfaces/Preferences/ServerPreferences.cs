namespace Com.Grains.Interfaces.Preferences;

/// <summary>Server-wide preferences an Administrator sets (SPEC PREF-1); more fields join as features arrive.</summary>
[GenerateSerializer, Immutable, Alias("com.preferences.v1")]
public sealed record ServerPreferences(
    [property: Id(0)] string SystemName,
    // Nullable so preferences saved before these fields existed read as "the default", not as 0.
    [property: Id(1)] int? SessionTimeout = null,
    [property: Id(2)] int? PasswordHistory = null,
    [property: Id(3)] SecurityBanner? Banner = null)
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

/// <summary>
/// The optional notice on the sign-in page (SPEC AUTH-6). <see cref="Html"/> is stored already sanitised: headings,
/// paragraphs, bold, italic and underline only.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.SecurityBanner.v1")]
public sealed record SecurityBanner(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] string Title,
    [property: Id(2)] string Html)
{
    public const int TitleMaxLength = 100;
    public const int HtmlMaxLength = 4000;
}

/// <summary>The session and password preferences, set together from the preferences page.</summary>
[GenerateSerializer, Immutable, Alias("com.SecurityPreferences.v1")]
public sealed record SecurityPreferences(
    [property: Id(0)] int SessionTimeoutMinutes,
    [property: Id(1)] int PasswordHistory,
    [property: Id(2)] SecurityBanner Banner);
