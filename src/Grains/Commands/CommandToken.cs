using System.Buffers.Text;
using System.Security.Cryptography;

namespace Com.Grains.Commands;

/// <summary>
/// The one-time token of a command's file transfer, the last segment of <c>/cpe/files/{token}</c>: the command's id (32
/// hex digits), which routes the request to its grain, followed by a random secret of which the grain keeps only a hash.
/// </summary>
public static class CommandToken
{
    private const int IdLength = 32;
    private const int SecretBytes = 32;
    // Base64url without padding of 32 bytes.
    private const int SecretLength = 43;

    public static (string Token, byte[] SecretHash) Create(Guid commandId)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return (commandId.ToString("N") + secret, Hash(secret));
    }

    /// <summary>The command and secret in a token, or null when it is not shaped like one.</summary>
    public static (Guid CommandId, string Secret)? Parse(string? token) =>
        token is { Length: IdLength + SecretLength }
        && Guid.TryParseExact(token.AsSpan(0, IdLength), "N", out var id)
        && token.AsSpan(IdLength).ContainsAnyExcept(Base64UrlAlphabet) is false
            ? (id, token[IdLength..])
            : null;

    public static bool Matches(string secret, byte[]? hash) =>
        hash is not null && CryptographicOperations.FixedTimeEquals(Hash(secret), hash);

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret));
}
