using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Com.Tests.Infrastructure;

/// <summary>
/// A stand-in for a system's Web Control service on a loopback port: HTTPS, answering every request with a small
/// sign-in page that names the path asked for, so a test can tell its page arrived through a tunnel.
/// </summary>
public sealed class LocalWebControl : IAsyncDisposable
{
    public const string Title = "Web Control sign-in";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 certificate;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public LocalWebControl(X509Certificate2 certificate)
    {
        this.certificate = certificate;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(certificate);
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 8192 && await tls.ReadAsync(one) == 1)
                head.Append((char)one[0]);
            var path = head.ToString().Split(' ').ElementAtOrDefault(1) ?? "/";
            var body = Encoding.UTF8.GetBytes($"<html><head><title>{Title}</title></head><body>path {WebUtility.HtmlEncode(path)}</body></html>");
            await tls.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
            await tls.WriteAsync(body);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            // A client that left; the test sees its own side.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}
