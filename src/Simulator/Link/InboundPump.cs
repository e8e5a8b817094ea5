using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// Keeps one receive pending on a link for its whole life (the WebSocket answers pings only while a receive
/// is pending) and queues every text message with its type.
/// </summary>
internal sealed class InboundPump
{
    // Almost every server message fits; longer ones are assembled in a buffer made only for them.
    private const int ChunkBytes = 1024;
    private static readonly TimeSpan CloseReplyTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly Channel<(string Type, string Json)> _inbox =
        Channel.CreateUnbounded<(string Type, string Json)>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _chunk = new byte[ChunkBytes];

    public InboundPump(WebSocket socket)
    {
        _socket = socket;
        _ = RunAsync();
    }

    public ChannelReader<(string Type, string Json)> Messages => _inbox.Reader;

    /// <summary>Completes once the link can deliver nothing more: closed by either side, dropped or aborted.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Why the link ended when no close frame says so; null after a close handshake.</summary>
    public Exception? Failure { get; private set; }

    private async Task RunAsync()
    {
        try
        {
            while (await ReceiveMessageAsync() is { } message)
                _inbox.Writer.TryWrite(message);
            await ReplyToCloseAsync();
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException
                                      or InvalidDataException)
        {
            Failure = e;
        }
        finally
        {
            // A loop that stopped reading must not leave an open socket that no longer answers pings.
            if (Failure is not null)
                _socket.Abort();
            _inbox.Writer.TryComplete();
            _ended.TrySetResult();
        }
    }

    /// <summary>The next text message, or null when the peer closed the link.</summary>
    private async Task<(string Type, string Json)?> ReceiveMessageAsync()
    {
        ArrayBufferWriter<byte>? assembled = null;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_chunk.AsMemory(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            if (result.EndOfMessage && assembled is null)
            {
                if (result.MessageType == WebSocketMessageType.Text)
                    return Decode(_chunk.AsSpan(0, result.Count));
                continue;
            }
            assembled ??= new ArrayBufferWriter<byte>(ChunkBytes * 4);
            if (assembled.WrittenCount + result.Count > ProtocolLimits.MaxTextFrameBytes)
                throw new InvalidDataException($"COM sent a message over {ProtocolLimits.MaxTextFrameBytes} bytes.");
            assembled.Write(_chunk.AsSpan(0, result.Count));
            if (!result.EndOfMessage)
                continue;
            if (result.MessageType == WebSocketMessageType.Text)
                return Decode(assembled.WrittenSpan);
            // The protocol has no binary messages from COM yet; they are dropped rather than misread as text.
            assembled = null;
        }
    }

    private static (string Type, string Json) Decode(ReadOnlySpan<byte> utf8)
    {
        var json = Encoding.UTF8.GetString(utf8);
        try
        {
            return (JsonSerializer.Deserialize(utf8, ProtocolJson.Default.Envelope)?.Type ?? string.Empty, json);
        }
        catch (JsonException)
        {
            return (string.Empty, json);
        }
    }

    private async Task ReplyToCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseReceived)
            return;
        using var timeout = new CancellationTokenSource(CloseReplyTimeout);
        await _socket.CloseOutputAsync(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }
}
