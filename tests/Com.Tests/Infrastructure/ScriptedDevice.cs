using System.Net;
using System.Text.Json;
using Com.DeviceProtocol;
using Com.Simulator;

namespace Com.Tests.Infrastructure;

/// <summary>
/// A device driven step by step by a test over the real link and the real device port: it receives commands, answers
/// them and moves their files, or misbehaves, exactly when the test says.
/// </summary>
public sealed class ScriptedDevice(DeviceClient link, SiloProcess silo) : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly HttpClient files = DevicePortClient(silo);

    public DeviceClient Link => link;

    public static Task<ScriptedDevice> LinkAsync(ComDeployment com, string customerId, string password, string? configuration = null) =>
        LinkAsync(com, customerId, password, hello => hello with { System = hello.System with { Configuration = configuration } });

    /// <summary>Links with the healthy hello as <paramref name="change"/> alters it (its zone, its flags …).</summary>
    public static async Task<ScriptedDevice> LinkAsync(ComDeployment com, string customerId, string password, Func<HelloMessage, HelloMessage> change)
    {
        var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(change(Hellos.Healthy(customerId, password)), Wait);
        return new ScriptedDevice(device, com.Silo);
    }

    /// <summary>The next command COM sends, skipping acks and the like.</summary>
    public async Task<CommandMessage> NextCommandAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Wait);
        var seen = new List<string>();
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"no command within {(timeout ?? Wait).TotalSeconds:0} s; saw: {string.Join(", ", seen)}");
            var (type, json) = await link.ReceiveAsync(left);
            if (type == MessageTypes.Command)
                return JsonSerializer.Deserialize(json, ProtocolJson.Default.CommandMessage)!;
            seen.Add(type);
        }
    }

    public Task ProgressAsync(CommandMessage command, string server, int percent) =>
        link.SendAsync(new ProgressMessage(command.Id, server, percent), ProtocolJson.Default.ProgressMessage, TestContext.Current.CancellationToken);

    public Task ResultAsync(CommandMessage command, bool ok, string? detail = null) =>
        link.SendAsync(new ResultMessage(command.Id, ok, detail), ProtocolJson.Default.ResultMessage, TestContext.Current.CancellationToken);

    public async Task<HttpStatusCode> UploadAsync(string path, byte[] content)
    {
        using var response = await files.PutAsync(path, new ByteArrayContent(content), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public async Task<(HttpStatusCode Status, byte[] Content)> DownloadAsync(string path)
    {
        using var response = await files.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Sends <paramref name="sent"/> bytes of a body announced as <paramref name="announced"/>, then closes its side of
    /// the connection and waits for the silo to answer or close it, over a raw TLS socket: an HTTP client may keep a
    /// failed request's connection open a while.
    /// </summary>
    public async Task TearUploadAsync(string path, int announced, int sent)
    {
        var ct = TestContext.Current.CancellationToken;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, silo.DevicePort, ct);
        var trusted = silo.PublicCertificate.Thumbprint;
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == trusted);
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions { TargetHost = "localhost" }, ct);
        var head = $"PUT {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\nContent-Length: {announced}\r\n\r\n";
        await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), ct);
        await tls.WriteAsync(new byte[sent], ct);
        await tls.FlushAsync(ct);
        // Closed cleanly and read to the end: a socket closed with unread bytes (TLS 1.3 session tickets arrive after
        // the handshake) is reset, and a reset can discard the request before the silo has read it, which then never
        // hears of the upload at all.
        await tls.ShutdownAsync();
        tcp.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        using var answered = CancellationTokenSource.CreateLinkedTokenSource(ct);
        answered.CancelAfter(TimeSpan.FromSeconds(30));
        var buffer = new byte[4096];
        try
        {
            while (await tls.ReadAsync(buffer, answered.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // The silo closed the connection without a TLS goodbye: as good as an answer.
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException("the silo neither answered nor closed the torn upload's connection within 30 s");
        }
    }

    public async ValueTask DisposeAsync()
    {
        files.Dispose();
        await link.DisposeAsync();
    }

    private static HttpClient DevicePortClient(SiloProcess silo)
    {
        var client = silo.NewClient();
        client.BaseAddress = new Uri($"https://localhost:{silo.DevicePort}");
        return client;
    }
}
