using System.Text;
using Com.DeviceProtocol;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// A system's data connection for a tunnel, on the maintenance port beside the proxy's clients: a new connection whose
/// request is <c>GET /cpe/tunnels/{token}</c> with an upgrade to <c>com-tunnel</c>, held open while the relay runs, or
/// the same request with <c>?failed=</c> and the reason the system could not reach the target. The one-time token is
/// the only credential, as for command files. Answered here rather than by Kestrel's HTTP stack, so the tunnel's bytes
/// pass through the same bulk TLS as the client's (ADR 17).
/// </summary>
public sealed partial class TunnelDialBack(TunnelRendezvous rendezvous, ILogger<TunnelDialBack> logger)
{
    private static readonly HashSet<string> Reasons = [Tunnels.Refused, Tunnels.Unreachable, Tunnels.TimedOut, Tunnels.NotAllowed];

    /// <summary>Whether a request head is a system's dial-back rather than a client's CONNECT.</summary>
    public static bool IsDialBack(ReadOnlySpan<byte> head) => head.StartsWith("GET "u8) && head[4..].StartsWith(Encoding.ASCII.GetBytes(Tunnels.Path + "/"));

    public async Task HandleAsync(MaintenanceConnection connection, byte[] head, string client)
    {
        var output = connection.Transport.Output;
        if (DialBackRequest.Parse(head) is not { } request)
        {
            LogMalformed(client);
            await ProxyResponses.RefuseAsync(output, 400, "a dial-back is 'GET /cpe/tunnels/<token> HTTP/1.1' with 'Upgrade: com-tunnel', or with '?failed=<reason>'");
            return;
        }
        if (rendezvous.Take(request.Token) is not { } pending)
        {
            LogUnknownToken(client);
            await ProxyResponses.RefuseAsync(output, 404, "no tunnel waits for this token");
            return;
        }
        if (request.Failed is { } failed)
        {
            pending.Fail(Reasons.Contains(failed) ? failed : "failed");
            await ProxyResponses.AnswerAsync(output, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
            return;
        }
        if (!request.Upgrade)
        {
            pending.Fail("the system's data connection did not upgrade to " + Tunnels.UpgradeProtocol);
            await ProxyResponses.RefuseAsync(output, 400, "a tunnel's data connection upgrades to " + Tunnels.UpgradeProtocol);
            return;
        }
        await ProxyResponses.AnswerAsync(output, $"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: {Tunnels.UpgradeProtocol}\r\n\r\n");
        if (!pending.Connect(connection.Transport))
            return;
        // The connection lives as long as this handler: hold it until the relay is done with it.
        await pending.RelayEnded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A tunnel dial-back from {Client} presented an unknown or used token")]
    private partial void LogUnknownToken(string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "A tunnel dial-back from {Client} was malformed")]
    private partial void LogMalformed(string client);
}

/// <summary>A dial-back's request head, read strictly: the token, and either the upgrade or the failure reason.</summary>
public sealed record DialBackRequest(string Token, string? Failed, bool Upgrade)
{
    private const int MaxToken = 128;

    public static DialBackRequest? Parse(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b is not ((>= 0x20 and <= 0x7e) or (byte)'\r' or (byte)'\n' or (byte)'\t'))
                return null;
        }
        var lines = Encoding.ASCII.GetString(head).Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0] != "GET" || parts[2] != "HTTP/1.1" || !parts[1].StartsWith(Tunnels.Path + "/", StringComparison.Ordinal))
            return null;
        var target = parts[1][(Tunnels.Path.Length + 1)..];
        string? failed = null;
        if (target.IndexOf('?', StringComparison.Ordinal) is var query and >= 0)
        {
            var parameter = target[(query + 1)..];
            target = target[..query];
            if (!parameter.StartsWith("failed=", StringComparison.Ordinal))
                return null;
            failed = parameter["failed=".Length..];
        }
        if (target.Length is 0 or > MaxToken || !target.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return null;
        var upgrade = lines.Skip(1).Any(line => line.Split(':', 2) is [var name, var value]
            && name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase) && value.Trim().Equals(Tunnels.UpgradeProtocol, StringComparison.OrdinalIgnoreCase));
        return new DialBackRequest(target, failed, upgrade);
    }
}
