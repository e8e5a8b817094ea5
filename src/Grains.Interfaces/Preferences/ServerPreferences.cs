namespace Com.Grains.Interfaces.Preferences;

/// <summary>Server-wide preferences an Administrator sets (SPEC PREF-1); more fields join as features arrive.</summary>
[GenerateSerializer, Immutable, Alias("com.preferences.v1")]
public sealed record ServerPreferences(
    [property: Id(0)] string SystemName)
{
    public const int SystemNameMaxLength = 32;

    public static ServerPreferences Defaults { get; } = new(SystemName: "COM");
}
