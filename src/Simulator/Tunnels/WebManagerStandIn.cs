using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Com.Simulator;

/// <summary>
/// A system's Web Manager as far as COM's admin relay can tell (SPEC RS-7): HTTPS with its own self-signed certificate
/// on a loopback port, a sign-in form that sets a session cookie under <c>/WebManagement</c>, and redirects (one of
/// them absolute) between the form and the application page, so the relay's rewriting is exercised; and, behind the
/// same cookie, a monitor WebSocket at <see cref="MonitorPath"/> (as SysMonitor and SSA use) that greets with
/// <see cref="Name"/> and echoes each text message. Persistent connections, bodies by Content-Length only.
/// </summary>
public sealed class WebManagerStandIn : IAsyncDisposable
{
    public const string SignedInTitle = "IP Office Web Manager";
    public const string MonitorPath = "/WebManagement/ws/monitor";
    public const string GreetingPrefix = "monitor of ";
    public const string EchoPrefix = "echo: ";
    private const string Cookie = "wm-session";
    private const int MaxHead = 16 * 1024;

    private readonly TcpListener listener;
    private readonly X509Certificate2 certificate = SelfSigned();
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public WebManagerStandIn(int port)
    {
        Name = $"127.0.0.1:{port}";
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>Which stand-in this is, in its monitor's greeting: a test tells the servers of a system apart by it.</summary>
    public string Name { get; }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var made = new CertificateRequest("CN=ipoffice", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = ServeAsync(client);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(certificate);
            while (await ReadRequestAsync(tls) is { } request)
            {
                if (IsMonitor(request) && SignedIn(request) && Header(request, "Sec-WebSocket-Key") is { } key)
                {
                    await MonitorAsync(tls, key);
                    return;
                }
                await tls.WriteAsync(IsMonitor(request) ? Refusal(SignedIn(request) ? 400 : 401) : Answer(request));
            }
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException or WebSocketException)
        {
            // The relay closed its connection.
        }
    }

    private sealed record Request(string Method, string Path, string Head, string Body);

    private static async Task<Request?> ReadRequestAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (head.Length > MaxHead || await stream.ReadAsync(one) == 0)
                return null;
            head.Append((char)one[0]);
        }
        var text = head.ToString();
        var line = text.Split("\r\n")[0].Split(' ');
        var length = text.Split("\r\n").Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.TryParse(h[1].Trim(), out var n) ? n : 0).FirstOrDefault();
        var body = new byte[Math.Clamp(length, 0, MaxHead)];
        await stream.ReadExactlyAsync(body);
        return new Request(line[0], line.ElementAtOrDefault(1) ?? "/", text, Encoding.UTF8.GetString(body));
    }

    private static bool SignedIn(Request request) => request.Head.Contains($"{Cookie}=signed-in", StringComparison.Ordinal);

    private static bool IsMonitor(Request request) =>
        request.Method == "GET" && request.Path.Split('?')[0] == MonitorPath
        && string.Equals(Header(request, "Upgrade"), "websocket", StringComparison.OrdinalIgnoreCase);

    private static string? Header(Request request, string name) =>
        request.Head.Split("\r\n").Skip(1).Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h[1].Trim()).FirstOrDefault();

    /// <summary>RFC 6455's handshake, then a greeting naming this stand-in and an echo of every text message until the close.</summary>
    private async Task MonitorAsync(Stream stream, string key)
    {
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept; it proves nothing secret.
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"), stop.Token);
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.FromSeconds(30) });
        await socket.SendAsync(Encoding.UTF8.GetBytes(GreetingPrefix + Name), WebSocketMessageType.Text, true, stop.Token);
        var buffer = new byte[4096];
        while (true)
        {
            var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", stop.Token);
                    return;
                }
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage && message.Length <= MaxHead);
            await socket.SendAsync(Encoding.UTF8.GetBytes(EchoPrefix + Encoding.UTF8.GetString(message.ToArray())), WebSocketMessageType.Text, true, stop.Token);
        }
    }

    private static byte[] Refusal(int status) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 401 ? "Unauthorized" : "Bad Request")}\r\nContent-Length: 0\r\n\r\n");

    private static byte[] Answer(Request request)
    {
        var signedIn = SignedIn(request);
        var path = request.Path.Split('?')[0];
        return (request.Method, path) switch
        {
            ("GET", "/WebManagement/WebManagement.html") when signedIn => Page(200, SignedInTitle, "<h1>System status</h1>"),
            ("GET", "/WebManagement/WebManagement.html") => Redirect("/WebManagement/login.html"),
            ("GET", "/WebManagement/login.html") => Page(200, "Web Manager sign-in",
                "<form method=\"post\" action=\"/WebManagement/login\"><input name=\"user\"><input name=\"password\" type=\"password\"><button>Sign in</button></form>"),
            ("POST", "/WebManagement/login") when request.Body.Contains("user=", StringComparison.Ordinal) && request.Body.Contains("password=", StringComparison.Ordinal) =>
                // Absolute, with the system's own address, as real ones do: the relay must bring it back under itself.
                Redirect("https://192.0.2.10:7070/WebManagement/WebManagement.html", $"{Cookie}=signed-in; Path=/WebManagement; Secure; HttpOnly"),
            _ => Page(404, "Not found", "<p>Not found</p>"),
        };
    }

    private static byte[] Page(int status, string title, string body)
    {
        var html = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>");
        return [.. Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Not Found")}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {html.Length}\r\n\r\n"), .. html];
    }

    private static byte[] Redirect(string location, string? setCookie = null) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 302 Found\r\nLocation: {location}\r\n{(setCookie is null ? "" : $"Set-Cookie: {setCookie}\r\n")}Content-Length: 0\r\n\r\n");

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
        certificate.Dispose();
    }
}
