using System.Security.Cryptography;
using System.Text;

namespace Com.Grains.Customers;

/// <summary>
/// Compares a presented service password with the stored one in constant time. Both are hashed to a fixed length first,
/// so neither the content nor the length leaks through timing; it costs microseconds, not a key derivation.
/// </summary>
public static class CredentialCheck
{
    public static bool PasswordsMatch(string presented, string expected)
    {
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
