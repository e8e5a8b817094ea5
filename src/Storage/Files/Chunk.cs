using System.Buffers;
using System.Security.Cryptography;

namespace Com.Storage.Files;

/// <summary>One chunk of an upload on its way to the database, in a buffer borrowed from the pool until disposed.</summary>
internal sealed class Chunk(byte[] buffer, int length, ArrayPool<byte> pool) : IDisposable
{
    private byte[]? buffer = buffer;

    public byte[] Hash { get; } = SHA256.HashData(buffer.AsSpan(0, length));

    public int Length => length;

    public ReadOnlyMemory<byte> Content => (buffer ?? throw new ObjectDisposedException(nameof(Chunk))).AsMemory(0, length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref buffer, null) is { } returned)
            pool.Return(returned);
    }
}
