namespace Com.Grains.Interfaces.Preferences;

/// <summary>Rules shared by the web form and the grain, so the server never trusts the browser's check.</summary>
public static class PreferenceValidation
{
    /// <summary>Returns an error message key, or null when the system name is acceptable.</summary>
    public static string? ValidateSystemName(string? systemName)
    {
        if (string.IsNullOrWhiteSpace(systemName))
            return "SystemNameRequired";
        if (systemName.Length > ServerPreferences.SystemNameMaxLength)
            return "SystemNameTooLong";
        if (systemName.Any(char.IsControl))
            return "SystemNameInvalidCharacters";
        return null;
    }

    /// <summary>Returns an error message key, or null when the security preferences are acceptable.</summary>
    public static string? ValidateSecurity(SecurityPreferences security)
    {
        if (security.SessionTimeoutMinutes is < 5 or > 30 || security.SessionTimeoutMinutes % 5 != 0)
            return "SessionTimeoutInvalid";
        if (security.PasswordHistory is < 1 or > ServerPreferences.PasswordHistoryMax)
            return "PasswordHistoryInvalid";
        var banner = security.Banner;
        if ((banner.Title ?? "").Length > SecurityBanner.TitleMaxLength || (banner.Title ?? "").Any(char.IsControl))
            return "BannerTitleInvalid";
        if ((banner.Html ?? "").Length > SecurityBanner.HtmlMaxLength)
            return "BannerTooLong";
        if (banner.Enabled && string.IsNullOrWhiteSpace(banner.Title) && string.IsNullOrWhiteSpace(banner.Html))
            return "BannerEmpty";
        return null;
    }

    /// <summary>Returns an error message key, or null when the SMTP settings are acceptable.</summary>
    public static string? ValidateSmtp(SmtpSettings smtp)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host) || smtp.Host.Length > SmtpSettings.HostMaxLength
            || Uri.CheckHostName(smtp.Host.Trim()) == UriHostNameType.Unknown)
            return "SmtpHostInvalid";
        if (smtp.Port is < 1 or > 65535)
            return "SmtpPortInvalid";
        if (!Enum.IsDefined(smtp.Security))
            return "SmtpSecurityInvalid";
        if ((smtp.User?.Length ?? 0) > SmtpSettings.UserMaxLength || (smtp.Password?.Length ?? 0) > SmtpSettings.PasswordMaxLength
            || (smtp.User ?? "").Any(char.IsControl))
            return "SmtpUserInvalid";
        if (string.IsNullOrWhiteSpace(smtp.Sender) || !System.Net.Mail.MailAddress.TryCreate(smtp.Sender.Trim(), out _))
            return "SmtpSenderInvalid";
        return null;
    }
}
