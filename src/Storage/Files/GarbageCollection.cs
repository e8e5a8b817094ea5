using Npgsql;

namespace Com.Storage.Files;

/// <summary>
/// Deletes chunks that no manifest names and that no upload touched since the cutoff, in batches walking the chunks in
/// hash order, so no statement holds many locks or runs long and the whole table is read once per collection.
/// An upload touches every chunk it writes or reuses before its manifest commits, and the touch either lands first
/// (the chunk is then too young here) or finds the chunk gone and stores it again; rows an upload is touching right
/// now are skipped, not waited for.
/// </summary>
internal sealed class GarbageCollection(NpgsqlDataSource dataSource, int batchSize)
{
    private const string ForeignKeyViolation = "23503";
    private const int RetriesOfALostRace = 3;

    public async Task<CollectedGarbage> CollectAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = new CollectedGarbage(0, 0);
        var after = Array.Empty<byte>();
        var retries = 0;
        while (true)
        {
            (CollectedGarbage Freed, byte[]? Last) batch;
            try
            {
                batch = await CollectBatchAsync(cutoff, after, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == ForeignKeyViolation && retries++ < RetriesOfALostRace)
            {
                // A manifest naming one of the batch's chunks committed after this statement looked: the foreign key
                // kept the chunk and undid the batch. Looked at again, that chunk is referenced and left alone.
                continue;
            }
            total = new CollectedGarbage(total.Chunks + batch.Freed.Chunks, total.Bytes + batch.Freed.Bytes);
            if (batch.Freed.Chunks < batchSize || batch.Last is null)
                return total;
            after = batch.Last;
        }
    }

    private async Task<(CollectedGarbage Freed, byte[]? Last)> CollectBatchAsync(DateTimeOffset cutoff, byte[] after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH doomed AS (
                SELECT c.hash FROM com_file_chunks c
                WHERE c.hash > $3 AND c.touched_at < $1 AND NOT EXISTS (SELECT 1 FROM com_file_parts p WHERE p.chunk_hash = c.hash)
                ORDER BY c.hash LIMIT $2 FOR UPDATE SKIP LOCKED)
            DELETE FROM com_file_chunks c USING doomed d WHERE c.hash = d.hash RETURNING c.hash, c.length
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff });
        command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (chunks, bytes, last) = (0, 0L, (byte[]?)null);
        while (await reader.ReadAsync(cancellationToken))
        {
            var hash = reader.GetFieldValue<byte[]>(0);
            (chunks, bytes) = (chunks + 1, bytes + reader.GetInt32(1));
            if (last is null || hash.AsSpan().SequenceCompareTo(last) > 0)
                last = hash;
        }
        return (new CollectedGarbage(chunks, bytes), last);
    }
}
