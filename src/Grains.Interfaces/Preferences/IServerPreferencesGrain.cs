namespace Com.Grains.Interfaces.Preferences;

/// <summary>The single grain holding COM's server preferences. Use key <see cref="Key"/>.</summary>
[Alias("com.IServerPreferencesGrain")]
public interface IServerPreferencesGrain : IGrainWithStringKey
{
    public const string Key = "server";

    /// <summary>The current preferences (defaults until an Administrator saves some).</summary>
    [Alias("Get")]
    Task<ServerPreferences> GetAsync();

    /// <summary>Changes the system name shown under the menu bar.</summary>
    /// <exception cref="PreferenceRejectedException">The name breaks a rule; nothing is changed.</exception>
    [Alias("SetSystemName")]
    Task<ServerPreferences> SetSystemNameAsync(string systemName);

    /// <summary>Changes the default session timeout, the password history and the sign-in banner (whose HTML is sanitised).</summary>
    /// <exception cref="PreferenceRejectedException">A value breaks a rule; nothing is changed.</exception>
    [Alias("SetSecurity")]
    Task<ServerPreferences> SetSecurityAsync(SecurityPreferences security);

    /// <summary>Whether customer IDs may be changed after creation (SPEC CUST-3, PREF-1).</summary>
    [Alias("SetAllowCustomerIdChange")]
    Task<ServerPreferences> SetAllowCustomerIdChangeAsync(bool allow);

    /// <summary>Changes the SMTP server; a null or empty password keeps the stored one.</summary>
    /// <exception cref="PreferenceRejectedException">A value breaks a rule; nothing is changed.</exception>
    [Alias("SetSmtp")]
    Task<ServerPreferences> SetSmtpAsync(SmtpSettings smtp);

    /// <summary>The SMTP settings with the password readable, for the mail sender only; null when none are set.</summary>
    [Alias("GetSmtpForSending")]
    Task<SmtpSettings?> GetSmtpForSendingAsync();
}
