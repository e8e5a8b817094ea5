using System.IO.Pipelines;

namespace Com.Silo.RemoteSupport;

/// <summary>A connection's pipes as one read-write stream, for APIs that take a <see cref="Stream"/>.</summary>
public sealed class DuplexPipeStream(IDuplexPipe pipe) : Stream
{
    private readonly Stream reader = pipe.Input.AsStream(leaveOpen: true);
    private readonly Stream writer = pipe.Output.AsStream(leaveOpen: true);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => reader.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        reader.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => writer.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        writer.WriteAsync(buffer, offset, count, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => reader.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => writer.Write(buffer, offset, count);

    public override void Flush() => writer.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
