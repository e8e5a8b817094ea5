using Npgsql;
using NpgsqlTypes;

namespace Com.Storage.Files;

/// <summary>
/// Writes one upload's chunks, storing each that is not stored yet, and marks every chunk it is given as touched now,
/// which keeps garbage collection off it for the grace period while the upload that brought it finishes.
/// </summary>
internal sealed class ChunkWriter(NpgsqlDataSource dataSource)
{
    // Asking which chunks are stored saves sending content the database has, but costs a round trip per batch, a
    // quarter of the time when everything is new. After a batch of only new chunks the next ones are sent without
    // asking, so new content streams at full speed and at most this many batches of known content are sent again.
    private const int BatchesSentWithoutAsking = 8;

    private static readonly Comparer<byte[]> HashOrder = Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b));

    private int sendWithoutAsking;

    public async Task WriteAsync(IReadOnlyList<Chunk> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (sendWithoutAsking > 0)
            sendWithoutAsking--;
        else
        {
            known = await TouchAsync(batch, now, cancellationToken);
            if (known.Count == 0)
                sendWithoutAsking = BatchesSentWithoutAsking;
        }
        // In hash order, so two writes sharing chunks (two batches of an upload, or two uploads) lock them in the same
        // order and never deadlock.
        var fresh = batch.Where(c => known.Add(Convert.ToHexString(c.Hash))).OrderBy(c => c.Hash, HashOrder).ToList();
        if (fresh.Count > 0)
            await InsertAsync(fresh, now, cancellationToken);
    }

    // A chunk stored meanwhile, by a concurrent upload of the same content or because this batch did not ask, is
    // touched instead; one collected meanwhile is inserted again, its content being at hand. Either way the statement
    // leaves the chunk present and touched, atomically.
    private async Task InsertAsync(List<Chunk> chunks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateBatch();
        foreach (var chunk in chunks)
        {
            var command = new NpgsqlBatchCommand(
                """
                INSERT INTO com_file_chunks (hash, length, touched_at, data) VALUES ($1, $2, $3, $4)
                ON CONFLICT (hash) DO UPDATE SET touched_at = excluded.touched_at
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = chunk.Hash });
            command.Parameters.Add(new NpgsqlParameter { Value = chunk.Length });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = chunk.Content, NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.BatchCommands.Add(command);
        }
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Hex hashes of the batch's chunks that are already stored, now touched.</summary>
    private async Task<HashSet<string>> TouchAsync(IReadOnlyList<Chunk> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var touch = dataSource.CreateCommand("UPDATE com_file_chunks SET touched_at = $2 WHERE hash = ANY($1) RETURNING hash");
        touch.Parameters.Add(new NpgsqlParameter { Value = batch.Select(c => c.Hash).ToArray() });
        touch.Parameters.Add(new NpgsqlParameter { Value = now });
        await using var reader = await touch.ExecuteReaderAsync(cancellationToken);
        var known = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            known.Add(Convert.ToHexString(reader.GetFieldValue<byte[]>(0)));
        return known;
    }
}
