namespace Com.Silo.RemoteSupport;

/// <summary>
/// A relay connection to a system's Web Manager over a tunnel: reads and writes go to the system's data connection and
/// are counted. It ends, once, when the relay's connection pool lets it go or when <see cref="LiveTunnels"/> stops it
/// (a terminate, a timeout, the silo stopping); <paramref name="ended"/> then gets the reason and the counts.
/// </summary>
internal sealed class RelayedConnection(OpenedTunnel tunnel, TimeProvider time, Action<string, long, long> ended) : Stream, ILiveTunnel
{
    /// <summary>Why a connection ends that nothing stopped: the pool closed it, idle or broken.</summary>
    public const string ClosedByRelay = "the relay closed its connection";

    private readonly DuplexPipeStream data = new(tunnel.Data!);
    private long up;
    private long down;
    private long lastActivity = time.GetTimestamp();
    private int over;

    public long BytesUp => Interlocked.Read(ref up);

    public long BytesDown => Interlocked.Read(ref down);

    public TimeSpan Idle => time.GetElapsedTime(Interlocked.Read(ref lastActivity));

    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref over, 1) != 0)
            return;
        // The dial-back ends with the tunnel, closing the system's connection; a read waiting on it ends now too.
        tunnel.Dispose();
        try
        {
            tunnel.Data!.Input.CancelPendingRead();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // The dial-back's connection already closed, which ended any read.
        }
        ended(reason, BytesUp, BytesDown);
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await data.ReadAsync(buffer, cancellationToken);
        Interlocked.Add(ref down, read);
        Interlocked.Exchange(ref lastActivity, time.GetTimestamp());
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await data.WriteAsync(buffer, cancellationToken);
        Interlocked.Add(ref up, buffer.Length);
        Interlocked.Exchange(ref lastActivity, time.GetTimestamp());
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => data.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush() => data.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Close(ClosedByRelay);
        base.Dispose(disposing);
    }
}
