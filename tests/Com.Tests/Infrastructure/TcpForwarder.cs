using System.Net;
using System.Net.Sockets;

namespace Com.Tests.Infrastructure;

/// <summary>
/// A loopback TCP port that forwards to another one, and can be switched off and on:
/// stands in for a PostgreSQL server that starts late or restarts.
/// </summary>
public sealed class TcpForwarder(int targetPort) : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private TcpListener? listener;

    public int Port { get; } = FreePort();

    public void Start()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        _ = AcceptLoopAsync(listener);
    }

    private async Task AcceptLoopAsync(TcpListener accepting)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await accepting.AcceptTcpClientAsync(stopping.Token);
                _ = PipeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        using (var target = new TcpClient())
        {
            try
            {
                await target.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
                var a = client.GetStream();
                var b = target.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, stopping.Token), b.CopyToAsync(a, stopping.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // Either side closed.
            }
        }
    }

    // Below the kernel's ephemeral range (32768–60999 on Debian): a port the kernel picked for a probe can go to an
    // outgoing connection's source before the process meant to listen on it binds it, which once kept a silo from
    // starting. Above Orleans' test clusters' silo ports (22300–30000). Ports are handed out in turn, wrapping around;
    // one already listening fails its probe and is skipped.
    private const int FirstPort = 30100;
    private const int PortCount = 2600;
    private static int handedOut = Random.Shared.Next(PortCount);

    public static int FreePort()
    {
        for (var attempt = 0; attempt < PortCount; attempt++)
        {
            var port = FirstPort + Interlocked.Increment(ref handedOut) % PortCount;
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Something listens there already: the next one.
            }
        }
        throw new InvalidOperationException($"no free port between {FirstPort} and {FirstPort + PortCount - 1}");
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener?.Stop();
        stopping.Dispose();
    }
}
