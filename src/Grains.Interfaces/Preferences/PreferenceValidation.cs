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
}
