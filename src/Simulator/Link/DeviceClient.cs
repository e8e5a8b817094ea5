using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// One customer system's link to COM. It holds no thread and no timer of its own, so a process can hold
/// ten thousand of them; tests use it directly to play a device message by message.
/// </summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _invoker;
    private readonly FreezableStream _transport;
    private readonly InboundPump _pump;
    // A WebSocket allows one send at a time, and alarms must reach COM in the order the device raised them:
    // each frame waits for the one sent before it.
    private readonly Lock _sendOrder = new();
    private Task _lastSend = Task.CompletedTask;

    private DeviceClient(ClientWebSocket socket, HttpMessageInvoker invoker, FreezableStream transport)
    {
        _socket = socket;
        _invoker = invoker;
        _transport = transport;
        _pump = new InboundPump(socket);
    }

    public WebSocketState State => _socket.State;

    public bool IsClosed => _pump.Ended.IsCompleted || State is WebSocketState.Closed or WebSocketState.Aborted;

    /// <summary>Completes when the link ends: COM closed it (see <see cref="CloseStatus"/>), it dropped, or it was aborted.</summary>
    public Task Closed => _pump.Ended;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    /// <summary>Opens the link; the server certificate must be <paramref name="trusted"/> itself.</summary>
    public static async Task<DeviceClient> ConnectAsync(Uri linkUri, X509Certificate2 trusted, CancellationToken ct)
    {
        var (socket, invoker, transport) = await LinkConnector.ConnectAsync(linkUri, trusted, ct);
        return new DeviceClient(socket, invoker, transport);
    }

    public Task SendAsync<T>(T message, JsonTypeInfo<T> type, CancellationToken ct) =>
        SendFrameAsync(JsonSerializer.SerializeToUtf8Bytes(message, type), WebSocketMessageType.Text, ct);

    /// <summary>Sends any text as one frame, unchecked, so tests can send what a correct device never would.</summary>
    public Task SendRawAsync(string text) =>
        SendFrameAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, CancellationToken.None);

    public Task SendBinaryAsync(byte[] data) => SendFrameAsync(data, WebSocketMessageType.Binary, CancellationToken.None);

    /// <summary>The next message from COM; its type is empty when it is not a JSON object with a type.</summary>
    /// <exception cref="TimeoutException">Nothing arrived in time.</exception>
    /// <exception cref="WebSocketException">The link ended before another message came.</exception>
    public async Task<(string Type, string Json)> ReceiveAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await _pump.Messages.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"No message from COM within {timeout.TotalSeconds:0.#} s.");
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, DescribeEnd());
        }
    }

    /// <summary>Every message from COM until the link ends; for a device's long-running reader.</summary>
    public IAsyncEnumerable<(string Type, string Json)> ReceiveAllAsync(CancellationToken ct) => _pump.Messages.ReadAllAsync(ct);

    /// <summary>Sends the hello and waits for its answer, skipping anything else COM sends first.</summary>
    /// <exception cref="LinkRefusedException">COM refused the link.</exception>
    public Task<WelcomeMessage> HelloAsync(HelloMessage hello, TimeSpan timeout) => HelloExchange.RunAsync(this, hello, timeout);

    /// <summary>Stops reading and writing while keeping the connection open: no close, no FIN, no pongs.</summary>
    public void Freeze() => _transport.Freeze();

    /// <summary>Drops the connection without a close handshake.</summary>
    public void Abort() => _socket.Abort();

    /// <summary>Closes with a close handshake; a peer that does not answer in time gets the connection aborted.</summary>
    public async Task CloseAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            return;
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or InvalidOperationException
                                      or ObjectDisposedException)
        {
            // The peer or a concurrent abort ended the link first; what is left is to make sure it is gone.
            _socket.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await _pump.Ended;
        _socket.Dispose();
        _invoker.Dispose();
    }

    /// <summary>Frames leave in the order of the calls, one at a time; a cancelled frame is skipped, never cut short.</summary>
    private Task SendFrameAsync(byte[] payload, WebSocketMessageType type, CancellationToken ct)
    {
        Task send;
        lock (_sendOrder)
        {
            send = SendAfterAsync(_lastSend, payload, type, ct);
            _lastSend = send;
        }
        return ct.CanBeCanceled ? send.WaitAsync(ct) : send;
    }

    // Yielding hands the socket work to the thread pool, so a caller that sends on thousands of links (the
    // alarm storm) only queues frames. A failed frame does not hold back the next: that one fails on its own.
    private async Task SendAfterAsync(Task previous, byte[] payload, WebSocketMessageType type, CancellationToken ct)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        ct.ThrowIfCancellationRequested();
        // Not cancellable once started: cancelling a WebSocket send aborts the whole link.
        await _socket.SendAsync(payload, type, endOfMessage: true, CancellationToken.None);
    }

    private string DescribeEnd() => CloseStatus is { } status
        ? $"COM closed the link: {status} {CloseDescription}".TrimEnd()
        : $"The link ended without a close handshake: {_pump.Failure?.Message ?? "aborted"}";
}
