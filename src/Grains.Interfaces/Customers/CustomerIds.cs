using System.Security.Cryptography;

namespace Com.Grains.Interfaces.Customers;

/// <summary>Customer IDs are DNS labels (SPEC CUST-3): lowercase letters and digits, used in relay and proxy host names.</summary>
public static class CustomerIds
{
    public const int GeneratedLength = 8;
    public const int MaxLength = 32;
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    /// <summary>Grain key of a customer; the prefix keeps all-hex IDs from being stored as numbers (ADR 2).</summary>
    public static string GrainKey(string id) => "cust:" + id;
}
