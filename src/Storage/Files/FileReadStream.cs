using System.Buffers;
using System.Data;
using Npgsql;

namespace Com.Storage.Files;

/// <summary>
/// A stored file's content, fetched a group of chunks per round trip as the caller reads. No connection is held between
/// reads, so a slow reader (a device on a thin line) costs a few chunk buffers and nothing of the connection pool.
/// </summary>
internal sealed class FileReadStream(NpgsqlDataSource dataSource, StoredFile file, int chunkCount, ChunkSizes sizes, ArrayPool<byte> pool) : Stream
{
    private const int GroupChunks = 16;

    private readonly List<(byte[] Buffer, int Length)> group = new(GroupChunks);
    private int chunkInGroup;
    private int offsetInChunk;
    private int nextOrdinal;
    private long position;
    private bool disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => file.Length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (buffer.IsEmpty)
            return 0;
        while (chunkInGroup == group.Count || offsetInChunk == group[chunkInGroup].Length)
        {
            if (chunkInGroup < group.Count)
                (chunkInGroup, offsetInChunk) = (chunkInGroup + 1, 0);
            else if (nextOrdinal < chunkCount)
                await FetchGroupAsync(cancellationToken);
            else if (position != file.Length)
                throw new InvalidDataException($"File {file.Id} ended after {position} of its {file.Length} bytes.");
            else
                return 0;
        }
        var (chunk, length) = group[chunkInGroup];
        var count = Math.Min(buffer.Length, length - offsetInChunk);
        chunk.AsMemory(offsetInChunk, count).CopyTo(buffer);
        offsetInChunk += count;
        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Reading blocks on the asynchronous path: callers that read synchronously (old APIs) are rare and get the same behaviour.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    private async Task FetchGroupAsync(CancellationToken cancellationToken)
    {
        ReleaseGroup();
        var first = nextOrdinal;
        var end = (int)Math.Min((long)first + GroupChunks, chunkCount);
        await using var command = dataSource.CreateCommand(
            """
            SELECT p.ordinal, c.length, c.data FROM com_file_parts p JOIN com_file_chunks c ON c.hash = p.chunk_hash
            WHERE p.file_id = $1 AND p.ordinal >= $2 AND p.ordinal < $3 ORDER BY p.ordinal
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = file.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        command.Parameters.Add(new NpgsqlParameter { Value = end });
        // Sequential access streams each chunk into its pooled buffer instead of Npgsql buffering the whole row.
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ordinal = reader.GetInt32(0);
            var length = reader.GetInt32(1);
            if (ordinal != nextOrdinal || length > sizes.Max)
                throw new InvalidDataException($"File {file.Id} has a damaged manifest at chunk {nextOrdinal}.");
            var buffer = pool.Rent(length);
            group.Add((buffer, length));
            await using (var data = await reader.GetStreamAsync(2, cancellationToken))
                await data.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
            nextOrdinal++;
        }
        if (nextOrdinal != end)
            throw new IOException($"File {file.Id} was deleted while being read.");
    }

    private void ReleaseGroup()
    {
        foreach (var (buffer, _) in group)
            pool.Return(buffer);
        group.Clear();
        (chunkInGroup, offsetInChunk) = (0, 0);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            ReleaseGroup();
        }
        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
