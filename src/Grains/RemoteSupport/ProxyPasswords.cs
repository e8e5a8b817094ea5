using Com.Storage.RemoteSupport;
using Microsoft.AspNetCore.Identity;

namespace Com.Grains.RemoteSupport;

/// <summary>
/// Hashes and checks maintenance proxy passwords the way user passwords are (ASP.NET Core Identity's salted PBKDF2), so
/// a stolen table gives no password away. The proxy checks once per sign-in and caches the verdict, since the hash is
/// deliberately slow.
/// </summary>
public static class ProxyPasswords
{
    private static readonly PasswordHasher<ProxyAccount> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(null!, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
}
