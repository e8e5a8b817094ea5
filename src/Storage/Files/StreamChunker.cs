using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace Com.Storage.Files;

/// <summary>Reads an upload and hands it on as content-defined chunks, hashing the whole content on the way.</summary>
internal sealed class StreamChunker(ChunkSizes sizes, ArrayPool<byte> pool)
{
    private const int ReadSize = 64 * 1024;

    /// <summary>Writes every chunk of <paramref name="content"/> to <paramref name="output"/>, then completes it (with the error, if any).</summary>
    public async Task<ContentSummary> ChunkAsync(Stream content, ChannelWriter<Chunk> output, CancellationToken cancellationToken)
    {
        var chunker = new ContentDefinedChunker(sizes);
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var read = pool.Rent(Math.Min(ReadSize, sizes.Max));
        byte[]? current = null;
        var filled = 0;
        var total = 0L;
        try
        {
            int count;
            while ((count = await content.ReadAsync(read.AsMemory(0, Math.Min(read.Length, sizes.Max)), cancellationToken)) > 0)
            {
                whole.AppendData(read, 0, count);
                total += count;
                for (var offset = 0; offset < count;)
                {
                    current ??= pool.Rent(sizes.Max);
                    var taken = chunker.Take(read.AsSpan(offset, count - offset), out var cut);
                    read.AsSpan(offset, taken).CopyTo(current.AsSpan(filled));
                    (offset, filled) = (offset + taken, filled + taken);
                    if (cut)
                        await HandOnAsync(Seal(ref current, ref filled), output, cancellationToken);
                }
            }
            if (current is not null && filled > 0)
                await HandOnAsync(Seal(ref current, ref filled), output, cancellationToken);
            output.Complete();
            return new ContentSummary(total, whole.GetHashAndReset());
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            throw;
        }
        finally
        {
            pool.Return(read);
            if (current is not null)
                pool.Return(current);
        }
    }

    // The chunk owns the buffer from here on, so the finally block below must not return it too.
    private Chunk Seal(ref byte[]? current, ref int filled)
    {
        var chunk = new Chunk(current!, filled, pool);
        (current, filled) = (null, 0);
        return chunk;
    }

    private static async ValueTask HandOnAsync(Chunk chunk, ChannelWriter<Chunk> output, CancellationToken cancellationToken)
    {
        try
        {
            await output.WriteAsync(chunk, cancellationToken);
        }
        catch
        {
            chunk.Dispose();
            throw;
        }
    }
}
