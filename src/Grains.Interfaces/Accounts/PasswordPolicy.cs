namespace Com.Grains.Interfaces.Accounts;

/// <summary>SPEC AUTH-3: 9 to 31 characters, with at least two of upper case, lower case, digits and other characters.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 9;
    public const int MaxLength = 31;

    /// <summary>Returns an error message key, or null when the password is acceptable.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return "PasswordTooShort";
        if (password.Length > MaxLength)
            return "PasswordTooLong";
        var kinds = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) };
        return kinds.Count(k => k) >= 2 ? null : "PasswordTooSimple";
    }
}
