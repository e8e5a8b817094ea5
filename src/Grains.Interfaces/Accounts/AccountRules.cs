using System.Net.Mail;

namespace Com.Grains.Interfaces.Accounts;

/// <summary>SPEC USER-2's field rules, shared by the form and the grain so the server never trusts the browser's check.</summary>
public static class AccountRules
{
    public const int LoginMaxLength = 15;
    public const int NameMaxLength = 31;
    public const int PhoneMaxDigits = 15;
    public const int EmailMaxLength = 254;
    public const int LabelMaxLength = 64;
    public const int MaxLabels = 50;
    public static readonly int[] SessionTimeouts = [5, 10, 15, 20, 25, 30];

    /// <summary>Returns an error message key, or null when the login name is acceptable.</summary>
    public static string? CheckLogin(string? login)
    {
        var trimmed = login?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return "LoginRequired";
        if (trimmed.Length > LoginMaxLength)
            return "LoginTooLong";
        return trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@') ? null : "LoginInvalidCharacters";
    }

    /// <summary>Returns an error message key, or null when every field is acceptable.</summary>
    public static string? Check(AccountDetails details)
    {
        if (!Enum.IsDefined(details.Role))
            return "RoleUnknown";
        var name = $"{details.FirstName?.Trim()}{details.LastName?.Trim()}";
        if (name.Length > NameMaxLength)
            return "NameTooLong";
        if (new[] { details.FirstName, details.LastName, details.Email }.Any(v => v is not null && v.Any(char.IsControl)))
            return "InvalidCharacters";
        if (!IsPhone(details.Phone) || !IsPhone(details.Mobile))
            return "PhoneInvalid";
        if (details.Email is { Length: > 0 } email
            && (email.Length > EmailMaxLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            return "EmailInvalid";
        if (details.LabelList.Count > 0 && !Permissions.HasLabels(details.Role))
            return "LabelsNotForThisRole";
        if (details.LabelList.Count > MaxLabels
            || details.LabelList.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > LabelMaxLength || l.Any(char.IsControl)))
            return "LabelInvalid";
        if (details.SessionTimeoutMinutes is { } minutes && !SessionTimeouts.Contains(minutes))
            return "SessionTimeoutInvalid";
        if (details.Kiosk && !Permissions.MayUseKiosk(details.Role))
            return "KioskNotForThisRole";
        return null;
    }

    /// <summary>Up to 15 digits, nothing else; empty means none.</summary>
    private static bool IsPhone(string? value) =>
        string.IsNullOrEmpty(value) || (value.Length <= PhoneMaxDigits && value.All(char.IsAsciiDigit));
}
