using System.Buffers.Binary;

namespace Com.Simulator;

/// <summary>
/// Deterministic noise of a fixed length, made as it is read: voicemail and media data of any size without
/// holding any of it. Each 8-byte word is a function of its position, so seeking is free and reads repeat.
/// </summary>
internal sealed class PseudoRandomStream(ulong seed, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Clamp(length - _position, 0, buffer.Length);
        Span<byte> word = stackalloc byte[8];
        var written = 0;
        while (written < count)
        {
            var at = _position + written;
            var inWord = (int)(at & 7);
            BinaryPrimitives.WriteUInt64LittleEndian(word, StableMix.Mix(seed, (ulong)(at >> 3)));
            var take = Math.Min(8 - inWord, count - written);
            word.Slice(inWord, take).CopyTo(buffer.Slice(written));
            written += take;
        }
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
