namespace Com.Grains.Interfaces.Preferences;

/// <summary>Server-wide preferences an Administrator sets (SPEC PREF-1); more fields join as features arrive.</summary>
[GenerateSerializer, Immutable, Alias("com.preferences.v1")]
public sealed record ServerPreferences(
    [property: Id(0)] string SystemName,
    // Nullable so preferences saved before these fields existed read as "the default", not as 0.
    [property: Id(1)] int? SessionTimeout = null,
    [property: Id(2)] int? PasswordHistory = null,
    [property: Id(3)] SecurityBanner? Banner = null,
    [property: Id(4)] bool AllowCustomerIdChange = false,
    [property: Id(5)] SmtpSettings? Smtp = null)
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

[GenerateSerializer, Alias("com.SmtpSecurity")]
public enum SmtpSecurity
{
    /// <summary>Plain SMTP; only for a relay on a trusted network.</summary>
    None = 0,
    /// <summary>Upgrades the connection with STARTTLS (port 587).</summary>
    StartTls = 1,
    /// <summary>TLS from the first byte (port 465).</summary>
    Tls = 2,
}

/// <summary>The SMTP server COM sends mail through (SPEC PREF-1). The password is stored encrypted and never shown again.</summary>
[GenerateSerializer, Immutable, Alias("com.SmtpSettings.v1")]
public sealed record SmtpSettings(
    [property: Id(0)] string Host,
    [property: Id(1)] int Port,
    [property: Id(2)] SmtpSecurity Security,
    [property: Id(3)] string? User,
    [property: Id(4)] string? Password,
    [property: Id(5)] string Sender)
{
    public const int HostMaxLength = 253;
    public const int UserMaxLength = 254;
    public const int PasswordMaxLength = 128;
}
