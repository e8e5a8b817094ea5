using Npgsql;

namespace Com.Storage.Files;

/// <summary>
/// Deletes chunks that no manifest names and that no upload touched since the cutoff, a batch per statement so no
/// statement holds many locks or runs long. An upload touches every chunk it writes or reuses before its manifest
/// commits, and the touch either lands first (the chunk is then too young here) or finds the chunk gone and stores it
/// again; rows an upload is touching right now are skipped, not waited for.
/// </summary>
internal sealed class GarbageCollection(NpgsqlDataSource dataSource, int batchSize)
{
    private const string ForeignKeyViolation = "23503";
    private const int RetriesOfALostRace = 3;

    public async Task<CollectedGarbage> CollectAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = new CollectedGarbage(0, 0);
        var retries = 0;
        while (true)
        {
            CollectedGarbage batch;
            try
            {
                batch = await CollectBatchAsync(cutoff, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == ForeignKeyViolation && retries++ < RetriesOfALostRace)
            {
                // A manifest naming one of the batch's chunks committed after this statement looked: the foreign key
                // kept the chunk and undid the batch. Looked at again, that chunk is referenced and left alone.
                continue;
            }
            total = new CollectedGarbage(total.Chunks + batch.Chunks, total.Bytes + batch.Bytes);
            if (batch.Chunks < batchSize)
                return total;
        }
    }

    private async Task<CollectedGarbage> CollectBatchAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH doomed AS (
                SELECT c.hash FROM com_file_chunks c
                WHERE c.touched_at < $1 AND NOT EXISTS (SELECT 1 FROM com_file_parts p WHERE p.chunk_hash = c.hash)
                LIMIT $2 FOR UPDATE SKIP LOCKED),
            gone AS (DELETE FROM com_file_chunks c USING doomed d WHERE c.hash = d.hash RETURNING c.length)
            SELECT count(*)::integer, coalesce(sum(length), 0)::bigint FROM gone
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff });
        command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CollectedGarbage(reader.GetInt32(0), reader.GetInt64(1));
    }
}
