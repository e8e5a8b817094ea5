using System.Buffers;
using System.Threading.Channels;
using Npgsql;

namespace Com.Storage.Files;

/// <summary>
/// One upload's chunks written to the database while the next ones are read and hashed. Reading and hashing run
/// beside the database writes, two batches are written at once on two connections (so the database works on one
/// while the other travels), and a bounded queue keeps a few megabytes in memory at most.
/// </summary>
internal sealed class FileUpload(NpgsqlDataSource dataSource, ChunkSizes sizes, ArrayPool<byte> pool, TimeProvider clock)
{
    private const int QueuedChunks = 16;

    // Small chunks go to the database several at a time, so a round trip carries half a megabyte.
    private const int BatchBytes = 512 * 1024;
    private const int BatchChunks = 32;

    // With one write at a time the database waited for each batch to arrive and the reader for each to be stored.
    private const int WritesInFlight = 2;

    /// <summary>Stores the content's chunks and returns its manifest; nothing is listed yet.</summary>
    public async Task<WrittenContent> WriteChunksAsync(Stream content, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(QueuedChunks) { SingleReader = true, SingleWriter = true });
        var chunking = Task.Run(() => new StreamChunker(sizes, pool).ChunkAsync(content, queue.Writer, stop.Token), stop.Token);
        var manifest = new List<byte[]>();
        var positions = new List<long>();
        var writers = new ChunkWriter[WritesInFlight];
        var writes = new Task[WritesInFlight];
        for (var i = 0; i < WritesInFlight; i++)
            (writers[i], writes[i]) = (new ChunkWriter(dataSource), Task.CompletedTask);
        List<Chunk> batch = [];
        try
        {
            var position = 0L;
            for (var slot = 0; await queue.Reader.WaitToReadAsync(stop.Token); slot = (slot + 1) % WritesInFlight)
            {
                batch = Take(queue.Reader);
                if (batch.Count == 0)
                    continue;
                foreach (var chunk in batch)
                {
                    manifest.Add(chunk.Hash);
                    positions.Add(position);
                    position += chunk.Length;
                }
                // The slot's last batch must be stored before it takes another: a failure surfaces here.
                await writes[slot];
                writes[slot] = WriteAsync(writers[slot], batch, stop.Token);
                batch = [];
            }
            await Task.WhenAll(writes);
            return new WrittenContent(await chunking, manifest, positions);
        }
        catch
        {
            await stop.CancelAsync();
            await DrainAsync(batch, queue.Reader, chunking, writes);
            throw;
        }
    }

    private static List<Chunk> Take(ChannelReader<Chunk> queue)
    {
        var batch = new List<Chunk>(BatchChunks);
        var bytes = 0;
        while (batch.Count < BatchChunks && bytes < BatchBytes && queue.TryRead(out var chunk))
        {
            batch.Add(chunk);
            bytes += chunk.Length;
        }
        return batch;
    }

    private async Task WriteAsync(ChunkWriter writer, List<Chunk> batch, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteAsync(batch, clock.GetUtcNow(), cancellationToken);
        }
        finally
        {
            batch.ForEach(c => c.Dispose());
        }
    }

    // Whichever side failed, the others are stopped and every borrowed buffer goes back to the pool.
    private static async Task DrainAsync(List<Chunk> batch, ChannelReader<Chunk> queue, Task chunking, Task[] writes)
    {
        batch.ForEach(c => c.Dispose());
        try
        {
            await Task.WhenAll([chunking, .. writes]);
        }
        catch (Exception)
        {
            // The other sides' own errors, or their cancellation: the caller already has the error that matters.
        }
        while (queue.TryRead(out var left))
            left.Dispose();
    }
}
