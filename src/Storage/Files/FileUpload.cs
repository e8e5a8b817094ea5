using System.Buffers;
using System.Threading.Channels;
using Npgsql;

namespace Com.Storage.Files;

/// <summary>
/// One upload's chunks written to the database while the next ones are read and hashed: reading and hashing run
/// beside the database writes, and a bounded queue between them keeps a few chunks in memory at most.
/// </summary>
internal sealed class FileUpload(NpgsqlDataSource dataSource, ChunkSizes sizes, ArrayPool<byte> pool, TimeProvider clock)
{
    private const int QueuedChunks = 8;

    // Small chunks go to the database several at a time, so a round trip carries about a megabyte.
    private const int BatchBytes = 1024 * 1024;
    private const int BatchChunks = 32;

    /// <summary>Stores the content's chunks and returns its manifest; nothing is listed yet.</summary>
    public async Task<WrittenContent> WriteChunksAsync(Stream content, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(QueuedChunks) { SingleReader = true, SingleWriter = true });
        var chunking = Task.Run(() => new StreamChunker(sizes, pool).ChunkAsync(content, queue.Writer, stop.Token), stop.Token);
        var manifest = new List<byte[]>();
        var positions = new List<long>();
        var writer = new ChunkWriter(dataSource);
        var batch = new List<Chunk>(BatchChunks);
        try
        {
            var position = 0L;
            while (await queue.Reader.WaitToReadAsync(stop.Token))
            {
                var bytes = 0;
                while (batch.Count < BatchChunks && bytes < BatchBytes && queue.Reader.TryRead(out var chunk))
                {
                    batch.Add(chunk);
                    bytes += chunk.Length;
                }
                if (batch.Count == 0)
                    continue;
                await writer.WriteAsync(batch, clock.GetUtcNow(), stop.Token);
                foreach (var chunk in batch)
                {
                    manifest.Add(chunk.Hash);
                    positions.Add(position);
                    position += chunk.Length;
                    chunk.Dispose();
                }
                batch.Clear();
            }
            return new WrittenContent(await chunking, manifest, positions);
        }
        catch
        {
            await stop.CancelAsync();
            await DrainAsync(batch, queue.Reader, chunking);
            throw;
        }
    }

    // Whichever side failed, the other is stopped and every borrowed buffer goes back to the pool.
    private static async Task DrainAsync(List<Chunk> batch, ChannelReader<Chunk> queue, Task chunking)
    {
        batch.ForEach(c => c.Dispose());
        try
        {
            await chunking;
        }
        catch (Exception)
        {
            // The reading side's own error, or its cancellation: the caller already has the error that matters.
        }
        while (queue.TryRead(out var left))
            left.Dispose();
    }
}
