using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Com.Tests.Simulator;

/// <summary>
/// A loopback stand-in for COM's device side, in process: the link (hello, welcome with 1 s heartbeats, then
/// whatever the test sends) and the files path, over HTTPS with a throw-away certificate the devices pin.
/// </summary>
internal sealed class StandInFilesCom : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<StandInLink> _links = Channel.CreateUnbounded<StandInLink>();
    private readonly ConcurrentDictionary<string, byte[]> _downloads = new();
    private readonly Channel<ReceivedUpload> _uploads = Channel.CreateUnbounded<ReceivedUpload>();
    private StandInLink? _current;

    private StandInFilesCom(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    /// <summary>The public certificate a device pins.</summary>
    public X509Certificate2 Certificate { get; }

    public Uri LinkUri { get; private set; } = null!;

    /// <summary>What a PUT is answered with; 201 unless a test says otherwise.</summary>
    public HttpStatusCode UploadStatus { get; set; } = HttpStatusCode.Created;

    /// <summary>When set, a PUT reads no body until this completes (or the test's patience ends).</summary>
    public Task? HoldUploads { get; set; }

    /// <summary>Whether a PUT reads its body only after the device sent a heartbeat during the upload.</summary>
    public bool UploadsWaitForAHeartbeat { get; set; }

    public static async Task<StandInFilesCom> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        var app = builder.Build();
        var com = new StandInFilesCom(app, X509CertificateLoader.LoadCertificate(certificate.RawData));
        app.UseWebSockets();
        app.Map("/cpe/link", com.LinkAsync);
        app.MapPut("/cpe/files/{token}", com.UploadAsync);
        app.MapGet("/cpe/files/{token}", com.Download);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        com.LinkUri = new Uri(new Uri(address.Replace("https://", "wss://", StringComparison.Ordinal)), "/cpe/link");
        return com;
    }

    /// <summary>The next link a device opened, once its hello has been welcomed.</summary>
    public async Task<StandInLink> NextLinkAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await _links.Reader.ReadAsync(deadline.Token);
    }

    /// <summary>The next upload that ended, stored or torn.</summary>
    public async Task<ReceivedUpload> NextUploadAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await _uploads.Reader.ReadAsync(deadline.Token);
    }

    public void Offer(string token, byte[] file) => _downloads[token] = file;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private async Task LinkAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var link = new StandInLink(socket);
        var hello = await link.ReceiveRawAsync();
        if (hello is null)
            return;
        link.Hello = hello;
        await link.SendAsync("""{"type":"welcome","protocol":1,"link":"l","heartbeatSeconds":1,"connectivity":"Connected"}""");
        _current = link;
        _links.Writer.TryWrite(link);
        await link.PumpAsync();
    }

    private async Task UploadAsync(HttpContext http, string token)
    {
        if (HoldUploads is { } hold)
            await hold.WaitAsync(TimeSpan.FromSeconds(30));
        var heartbeatSeen = true;
        if (UploadsWaitForAHeartbeat && _current is { } link)
            heartbeatSeen = await link.NextHeartbeat.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(t => t.IsCompletedSuccessfully);
        var counted = new CountingReadStream(http.Request.Body);
        string? configurationHash = null;
        try
        {
            await using var tar = new TarReader(counted, leaveOpen: true);
            while (await tar.GetNextEntryAsync(copyData: false) is { } entry)
            {
                if (entry.Name == "configuration.cfg" && entry.DataStream is { } data)
                    configurationHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(data));
            }
            // The end blocks and anything after them.
            await counted.CopyToAsync(Stream.Null);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or InvalidDataException or OperationCanceledException)
        {
            _uploads.Writer.TryWrite(new ReceivedUpload(token, http.Request.ContentLength, counted.Total, null, Torn: true, heartbeatSeen));
            return;
        }
        _uploads.Writer.TryWrite(new ReceivedUpload(token, http.Request.ContentLength, counted.Total, configurationHash, Torn: false, heartbeatSeen));
        http.Response.StatusCode = (int)UploadStatus;
    }

    private IResult Download(string token) =>
        _downloads.TryGetValue(token, out var file) ? Results.Bytes(file, "application/octet-stream") : Results.StatusCode(401);

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=stand-in COM", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel on Linux wants a key it can use from a PKCS#12 load, not an ephemeral one.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private sealed class CountingReadStream(Stream inner) : Stream
    {
        public long Total { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Total; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Total += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>A PUT as the stand-in saw it: how much came, the SHA-256 of its configuration.cfg, and whether it was torn.</summary>
internal sealed record ReceivedUpload(string Token, long? ContentLength, long Received, string? ConfigurationHash, bool Torn, bool HeartbeatSeen);

/// <summary>One device link on the stand-in: its hello, and every message after it.</summary>
internal sealed class StandInLink(WebSocket socket)
{
    private readonly Channel<(string Type, string Json)> _messages = Channel.CreateUnbounded<(string Type, string Json)>();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _heartbeat = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Hello { get; set; } = string.Empty;

    public string? HelloConfiguration => JsonDocument.Parse(Hello).RootElement.GetProperty("system").TryGetProperty("configuration", out var c) ? c.GetString() : null;

    /// <summary>Completes at the next heartbeat from now.</summary>
    public Task NextHeartbeat => Volatile.Read(ref _heartbeat).Task;

    /// <summary>Completes when the device closed the link (true) or it dropped (false).</summary>
    public Task<bool> Ended => _ended.Task.ContinueWith(_ => ClosedCleanly, TaskScheduler.Default);

    public bool ClosedCleanly { get; private set; }

    public Task SendAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message of this type, skipping others (heartbeats, progress); fails if the link ends first.</summary>
    public async Task<JsonElement> NextAsync(string type, TimeSpan timeout, Func<JsonElement, bool>? where = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var (messageType, json) = await _messages.Reader.ReadAsync(deadline.Token);
            var message = JsonDocument.Parse(json).RootElement;
            if (messageType == type && (where is null || where(message)))
                return message;
        }
    }

    /// <summary>Every message up to and including the next one of this type.</summary>
    public async Task<List<JsonElement>> UntilAsync(string type, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var seen = new List<JsonElement>();
        while (true)
        {
            var (messageType, json) = await _messages.Reader.ReadAsync(deadline.Token);
            seen.Add(JsonDocument.Parse(json).RootElement);
            if (messageType == type)
                return seen;
        }
    }

    /// <summary>Every message received so far, without waiting.</summary>
    public List<(string Type, string Json)> Drain()
    {
        var seen = new List<(string Type, string Json)>();
        while (_messages.Reader.TryRead(out var message))
            seen.Add(message);
        return seen;
    }

    internal async Task<string?> ReceiveRawAsync()
    {
        var buffer = new byte[64 * 1024];
        var used = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(used), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            used += result.Count;
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(buffer, 0, used);
        }
    }

    internal async Task PumpAsync()
    {
        try
        {
            while (await ReceiveRawAsync() is { } json)
            {
                var type = JsonDocument.Parse(json).RootElement.GetProperty("type").GetString() ?? string.Empty;
                if (type == "heartbeat")
                    Interlocked.Exchange(ref _heartbeat, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                _messages.Writer.TryWrite((type, json));
            }
            ClosedCleanly = true;
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // The device dropped the link.
        }
        finally
        {
            _messages.Writer.TryComplete();
            _ended.TrySetResult();
        }
    }
}
