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

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener?.Stop();
        stopping.Dispose();
    }
}
