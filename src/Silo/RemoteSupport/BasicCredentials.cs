using System.Text;

namespace Com.Silo.RemoteSupport;

/// <summary>The user name and password of a <c>Proxy-Authorization: Basic</c> header.</summary>
public sealed record BasicCredentials(string UserName, string Password)
{
    private const int MaxEncodedLength = 1024;

    public static BasicCredentials? Parse(string? header)
    {
        if (header is null || header.Length > MaxEncodedLength || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return null;
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        return colon <= 0 ? null : new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
    }

    // A record's generated ToString would print the password into any log that formats this.
    public override string ToString() => $"{UserName}:***";
}
