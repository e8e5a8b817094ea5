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
        // Chunks are cut in one buffer of the largest chunk's size, then copied out into buffers of their own size.
        var current = pool.Rent(sizes.Max);
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
                    var taken = chunker.Take(read.AsSpan(offset, count - offset), out var cut);
                    read.AsSpan(offset, taken).CopyTo(current.AsSpan(filled));
                    (offset, filled) = (offset + taken, filled + taken);
                    if (cut)
                        await HandOnAsync(Seal(current, ref filled), output, cancellationToken);
                }
            }
            if (filled > 0)
                await HandOnAsync(Seal(current, ref filled), output, cancellationToken);
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
            pool.Return(current);
        }
    }

    // A queued chunk holds a buffer of about its own size, not the largest a chunk may be: with average chunks four
    // times smaller than the largest, the queue and the batches being written hold a quarter of the memory.
    private Chunk Seal(byte[] current, ref int filled)
    {
        var own = pool.Rent(filled);
        current.AsSpan(0, filled).CopyTo(own);
        var chunk = new Chunk(own, filled, pool);
        filled = 0;
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
