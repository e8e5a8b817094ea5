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
}
