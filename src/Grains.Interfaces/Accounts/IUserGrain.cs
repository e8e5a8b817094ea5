namespace Com.Grains.Interfaces.Accounts;

/// <summary>
/// One user account. Key: <see cref="KeyFor"/> of the login name. Being a single activation in the whole cluster, it
/// counts failed sign-ins from every web front in one place, so parallel guesses through several silos still lock it.
/// </summary>
[Alias("com.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>The grain key of a login: case-insensitive, and prefixed so an all-hex login is never read as a number.</summary>
    public static string KeyFor(string login) => "user:" + login.Trim().ToLowerInvariant();

    /// <summary>Creates the first Administrator, from the operator's command line rather than from a signed-in user.</summary>
    /// <exception cref="AccountRejectedException">The login is taken or the password breaks the policy; nothing changes.</exception>
    [Alias("Create")]
    Task CreateAsync(string login, Role role, string password);

    /// <summary>Creates the account on behalf of <paramref name="actor"/>, who must be allowed to (SPEC USER-3).</summary>
    /// <exception cref="AccountRejectedException">Not allowed, taken, or a field or the password breaks a rule; nothing changes.</exception>
    [Alias("CreateBy")]
    Task<AccountView> CreateAsync(Actor actor, string login, AccountDetails details, string password);

    /// <summary>Changes the account's details, and its password when <paramref name="newPassword"/> is given.</summary>
    /// <exception cref="AccountRejectedException">Not allowed, unknown, or a field or the password breaks a rule; nothing changes.</exception>
    [Alias("Update")]
    Task<AccountView> UpdateAsync(Actor actor, AccountDetails details, string? newPassword);

    /// <exception cref="AccountRejectedException">Not allowed, unknown, or the actor's own account; nothing changes.</exception>
    [Alias("Delete")]
    Task DeleteAsync(Actor actor);

    /// <summary>The stamp open sessions must carry to go on; null when the account is gone or disabled.</summary>
    [Alias("SessionStamp"), Orleans.Concurrency.AlwaysInterleave]
    Task<string?> SessionStampAsync();

    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>The account without any secret; null when there is none. Interleaves, so two accounts checking each other never wait on each other.</summary>
    [Alias("Get"), Orleans.Concurrency.AlwaysInterleave]
    Task<AccountView?> GetAsync();

    /// <summary>Checks a password. Unknown accounts and wrong passwords answer alike, lockout included.</summary>
    /// <param name="password">As typed.</param>
    /// <param name="address">The browser's address, for the audit log.</param>
    [Alias("SignIn")]
    Task<SignInVerdict> SignInAsync(string password, string? address = null);

    /// <summary>The signed-in user changes their own name, phones and e-mail (SPEC USER-4); nothing else of the account.</summary>
    /// <exception cref="AccountRejectedException">Unknown account, or a field breaks a rule; nothing changes.</exception>
    [Alias("UpdateProfile")]
    Task<AccountView> UpdateProfileAsync(ProfileDetails profile);

    /// <summary>Sets or (with null) removes the user's picture: a PNG the web front re-encoded, at most <see cref="AvatarMaxBytes"/>.</summary>
    /// <exception cref="AccountRejectedException">Unknown account, or not a PNG of an acceptable size; nothing changes.</exception>
    [Alias("SetAvatar")]
    Task SetAvatarAsync(byte[]? png);

    [Alias("GetAvatar"), Orleans.Concurrency.AlwaysInterleave]
    Task<byte[]?> GetAvatarAsync();

    public const int AvatarMaxBytes = 256 * 1024;

    /// <summary>The signed-in user changes their own password (SPEC AUTH-3, USER-4).</summary>
    /// <exception cref="AccountRejectedException">The current password is wrong, or the new one breaks the policy or was used lately; nothing changes.</exception>
    [Alias("ChangePassword")]
    Task ChangePasswordAsync(string currentPassword, string newPassword);
}
