namespace Com.Tests.Storage.Files;

/// <summary>
/// Deterministic pseudo-random content of any length, produced as it is read so no test holds a large file in memory.
/// Each 8-byte block is a function of the seed and its index, so a version with a few bytes changed (<see cref="Edits"/>)
/// is the same content elsewhere.
/// </summary>
public sealed class GeneratedContentStream(long length, ulong seed) : Stream
{
    private long position;

    /// <summary>Bytes replaced in this version: position, new value.</summary>
    public IReadOnlyDictionary<long, byte> Edits { get; init; } = new Dictionary<long, byte>();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - position);
        var at = position;
        for (var i = 0; i < count;)
        {
            // Whole 8-byte blocks at a time: the content is made as fast as the store can take it.
            var block = Block(at >> 3);
            var skip = (int)(at & 7);
            var take = Math.Min(8 - skip, count - i);
            for (var b = 0; b < take; b++)
                buffer[i + b] = (byte)(block >> ((skip + b) * 8));
            (i, at) = (i + take, at + take);
        }
        foreach (var (editAt, value) in Edits)
            if (editAt >= position && editAt < position + count)
                buffer[(int)(editAt - position)] = value;
        position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private ulong Block(long index)
    {
        var z = seed + (ulong)index * 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
