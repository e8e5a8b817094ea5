using System.Net.Sockets;

namespace Com.Simulator;

/// <summary>
/// The TCP stream under a link's TLS. Freezing it is the only way to stop a ClientWebSocket from answering
/// pings: cancelling its pending receive would abort the socket, and a pending receive answers every ping.
/// A frozen stream keeps the connection open but neither delivers nor sends a byte, like a hung device.
/// </summary>
internal sealed class FreezableStream(Socket socket) : Stream
{
    private readonly NetworkStream _inner = new(socket, ownsSocket: true);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _frozen;

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Freeze() => _frozen = true;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await HoldWhileFrozenAsync(cancellationToken);
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        // Bytes that arrive after the freeze are swallowed, so a ping already in flight goes unanswered too.
        await HoldWhileFrozenAsync(cancellationToken);
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await HoldWhileFrozenAsync(cancellationToken);
        await _inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    // TLS and the WebSocket only use the asynchronous members; the blocking ones exist for Stream's contract.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _released.TrySetCanceled();
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private Task HoldWhileFrozenAsync(CancellationToken cancellationToken) =>
        _frozen ? _released.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
}
