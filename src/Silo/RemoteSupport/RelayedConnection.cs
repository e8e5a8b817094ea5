namespace Com.Silo.RemoteSupport;

/// <summary>
/// A relay connection to a system's Web Manager over a tunnel: reads and writes go to the system's data connection and
/// are counted; disposing it ends the tunnel and reports the counts.
/// </summary>
internal sealed class RelayedConnection(OpenedTunnel tunnel, Func<long, long, Task> ended) : Stream
{
    private readonly DuplexPipeStream data = new(tunnel.Data!);
    private long up;
    private long down;
    private int disposed;

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await data.ReadAsync(buffer, cancellationToken);
        Interlocked.Add(ref down, read);
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await data.WriteAsync(buffer, cancellationToken);
        Interlocked.Add(ref up, buffer.Length);
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
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            tunnel.Dispose();
            _ = ended(Interlocked.Read(ref up), Interlocked.Read(ref down));
        }
        base.Dispose(disposing);
    }
}
