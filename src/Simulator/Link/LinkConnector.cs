using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;

namespace Com.Simulator;

/// <summary>Opens one link's WebSocket over a TCP stream the link can freeze, with the pinned certificate.</summary>
internal static class LinkConnector
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public static async Task<(ClientWebSocket Socket, HttpMessageInvoker Invoker, FreezableStream Transport)> ConnectAsync(
        Uri linkUri, X509Certificate2 trusted, CancellationToken ct)
    {
        FreezableStream? transport = null;
        // One handler per link: the handler is the only place the raw stream can be swapped in, and an
        // upgraded connection leaves its pool anyway. Infinite pool timeouts keep the handler free of timers.
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = ConnectTimeout,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = PinnedCertificate.Validator(trusted) },
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
                transport = new FreezableStream(socket);
                return transport;
            },
        };
        var invoker = new HttpMessageInvoker(handler);
        var webSocket = new ClientWebSocket();
        webSocket.Options.HttpVersion = HttpVersion.Version11;
        webSocket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        // COM pings the device; a client keep-alive would add a timer per link for nothing.
        webSocket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ConnectTimeout);
            await webSocket.ConnectAsync(linkUri, invoker, timeout.Token);
            return (webSocket, invoker, transport ?? throw new InvalidOperationException("The link opened without a transport."));
        }
        catch
        {
            webSocket.Dispose();
            invoker.Dispose();
            throw;
        }
    }
}
