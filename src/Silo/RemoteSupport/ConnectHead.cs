using System.Text;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// A client's request head, read strictly: a CONNECT request line in authority form and the one header the proxy
/// needs. Anything else is answered with the status the client should see, and nothing is opened.
/// </summary>
public sealed record ConnectHead(string Authority, string? ProxyAuthorization)
{
    public static (ConnectHead? Head, int Status, string? Problem) Parse(ReadOnlySpan<byte> head)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(head);
        }
        catch (DecoderFallbackException)
        {
            return (null, 400, "the request head is not text");
        }
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            return (null, 400, "the request line must be 'CONNECT host:port HTTP/1.1'");
        if (parts[0] != "CONNECT")
            return (null, 405, $"this proxy only opens tunnels (CONNECT), it does not forward {Printable(parts[0])} requests");
        string? authorization = null;
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || line[0] is ' ' or '\t')
                return (null, 400, "a header line is malformed");
            if (line.AsSpan(0, colon).Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                if (authorization is not null)
                    return (null, 400, "Proxy-Authorization is given twice");
                authorization = line[(colon + 1)..].Trim();
            }
        }
        return (new ConnectHead(parts[1], authorization), 200, null);
    }

    private static string Printable(string method) =>
        method.Length <= 16 && method.All(c => c is >= 'A' and <= 'Z') ? method : "other";
}
