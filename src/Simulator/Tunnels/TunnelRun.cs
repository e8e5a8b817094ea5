using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// One tunnel as a system opens it (docs/device-protocol.md, "Tunnels"): connect to the target, here always a loopback
/// port from the <see cref="TunnelMap"/>; dial back to COM's URL with an upgrade to <c>com-tunnel</c>, trusting only the
/// pinned certificate; relay until either side ends. When the target cannot be reached COM hears why.
/// </summary>
internal static class TunnelRun
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private const int MaxResponseHead = 8 * 1024;

    public static async Task RunAsync(TunnelOpenMessage open, bool remoteAccess, TunnelMap map, X509Certificate2 trusted, HttpClient files, CancellationToken ct)
    {
        var connect = new Uri(open.Connect);
        if (!remoteAccess)
        {
            await FailAsync(files, connect, Tunnels.NotAllowed, ct);
            return;
        }
        if (map.PortFor(open.Address, open.Port) is not { } local)
        {
            await FailAsync(files, connect, Tunnels.Unreachable, ct);
            return;
        }
        using var target = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ConnectTimeout);
            await target.ConnectAsync(IPAddress.Loopback, local, timeout.Token);
        }
        catch (SocketException)
        {
            await FailAsync(files, connect, Tunnels.Refused, ct);
            return;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await FailAsync(files, connect, Tunnels.TimedOut, ct);
            return;
        }
        target.NoDelay = true;
        using var com = new TcpClient { NoDelay = true };
        await com.ConnectAsync(connect.Host, connect.Port, ct);
        await using var tls = new SslStream(com.GetStream(), false, PinnedCertificate.Validator(trusted));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = connect.Host }, ct);
        await tls.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET {connect.PathAndQuery} HTTP/1.1\r\nHost: {connect.Authority}\r\nConnection: Upgrade\r\nUpgrade: {Tunnels.UpgradeProtocol}\r\n\r\n"), ct);
        await tls.FlushAsync(ct);
        var status = await ReadStatusAsync(tls, ct);
        if (status != 101)
            throw new IOException($"COM answered the tunnel's dial-back with {status}, not 101");
        var targetStream = target.GetStream();
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var up = CopyAsync(tls, targetStream, both.Token);
        var down = CopyAsync(targetStream, tls, both.Token);
        await Task.WhenAny(up, down);
        await both.CancelAsync();
        await Task.WhenAll(up, down);
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken ct)
    {
        try
        {
            await from.CopyToAsync(to, 64 * 1024, ct);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side ending ends the tunnel.
        }
    }

    // Byte by byte: the head is short, and nothing after it may be read here, or the tunnel's first bytes would be lost.
    private static async Task<int> ReadStatusAsync(Stream stream, CancellationToken ct)
    {
        var head = new List<byte>(256);
        var one = new byte[1];
        while (head.Count < MaxResponseHead)
        {
            if (await stream.ReadAsync(one, ct) == 0)
                throw new IOException("COM closed the tunnel's dial-back before answering");
            head.Add(one[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            {
                var line = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n")[0].Split(' ');
                return line.Length >= 2 && int.TryParse(line[1], out var status) ? status : 0;
            }
        }
        throw new IOException("COM's answer to the tunnel's dial-back has no end");
    }

    private static async Task FailAsync(HttpClient files, Uri connect, string reason, CancellationToken ct)
    {
        using var response = await files.GetAsync(new UriBuilder(connect) { Query = "failed=" + reason }.Uri, ct);
    }
}
