namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>
/// What a maintenance proxy user name and password may be, shared by the dialog and the grain so the server never trusts
/// the browser's check. Both travel in <c>Proxy-Authorization: Basic</c>, which splits user from password at the first
/// ':' and has no agreed character set, and both are typed into command lines (<c>proxytunnel -P user:pass</c>): hence
/// printable ASCII only, no ':' in the user name, and no space anywhere.
/// </summary>
public static class ProxyAccountRules
{
    public const int UserNameMinLength = 3;
    public const int UserNameMaxLength = 64;
    /// <summary>Longer than a user's password (SPEC AUTH-3's 9): it is shared by a reseller's staff and kept in their tools.</summary>
    public const int PasswordMinLength = 12;
    public const int PasswordMaxLength = 128;

    /// <summary>Returns an error message key, or null when the user name is acceptable. Compare and store it trimmed.</summary>
    public static string? CheckUserName(string? userName)
    {
        var trimmed = userName?.Trim() ?? "";
        if (trimmed.Length is < UserNameMinLength or > UserNameMaxLength)
            return "ProxyUserNameLength";
        // A leading '-' would read as an option on the command lines support staff paste it into.
        return char.IsAsciiLetterOrDigit(trimmed[0]) && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? null
            : "ProxyUserNameInvalid";
    }

    /// <summary>Returns an error message key, or null when the password is acceptable. The password is taken as typed.</summary>
    public static string? CheckPassword(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < PasswordMinLength)
            return "ProxyPasswordTooShort";
        if (password.Length > PasswordMaxLength)
            return "ProxyPasswordTooLong";
        if (!password.All(c => c is > ' ' and <= '~'))
            return "ProxyPasswordInvalid";
        var kinds = new[] { password.Any(char.IsAsciiLetterUpper), password.Any(char.IsAsciiLetterLower), password.Any(char.IsAsciiDigit), password.Any(c => !char.IsAsciiLetterOrDigit(c)) };
        return kinds.Count(k => k) >= 2 ? null : "PasswordTooSimple";
    }
}
