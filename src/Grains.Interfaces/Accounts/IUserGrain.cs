namespace Com.Grains.Interfaces.Accounts;

/// <summary>One user account. Key: <see cref="KeyFor"/> of the login name.</summary>
[Alias("com.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>The grain key of a login: case-insensitive, and prefixed so an all-hex login is never read as a number.</summary>
    public static string KeyFor(string login) => "user:" + login.Trim().ToLowerInvariant();

    /// <summary>Creates the account.</summary>
    /// <exception cref="AccountRejectedException">The login is taken or the password breaks the policy; nothing changes.</exception>
    [Alias("Create")]
    Task CreateAsync(string login, Role role, string password);

    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>Checks a password. Unknown accounts and wrong passwords answer alike.</summary>
    [Alias("SignIn")]
    Task<SignInVerdict> SignInAsync(string password);
}
