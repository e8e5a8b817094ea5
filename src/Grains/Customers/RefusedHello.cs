using System.Security.Cryptography;
using System.Text;

namespace Com.Grains.Customers;

/// <summary>
/// The credentials of the last refused hello, kept in memory only so "Test connection" can compare what an
/// administrator typed with what the system presented. The password is kept as a keyed hash, never as text.
/// </summary>
internal sealed class RefusedHello
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private readonly string serviceUser;
    private readonly byte[] passwordHash;

    public RefusedHello(string serviceUser, string password, DateTimeOffset at)
    {
        this.serviceUser = serviceUser;
        passwordHash = Hash(password);
        At = at;
    }

    public DateTimeOffset At { get; }

    public bool Matches(string serviceUser, string password) =>
        string.Equals(this.serviceUser, serviceUser.Trim(), StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(passwordHash, Hash(password));

    private static byte[] Hash(string password) => HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(password));
}
