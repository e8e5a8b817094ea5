using Npgsql;
using NpgsqlTypes;

namespace Com.Storage.Files;

/// <summary>
/// Stores chunks that are not stored yet and marks every chunk it is given as touched now, which keeps garbage
/// collection off it for the grace period while the upload that brought it finishes.
/// </summary>
internal sealed class ChunkWriter(NpgsqlDataSource dataSource)
{
    /// <summary>Writes a batch of chunks: one round trip when all are known, two when some are new.</summary>
    public async Task WriteAsync(IReadOnlyList<Chunk> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await TouchAsync(batch, now, cancellationToken);
        var fresh = batch.Where(c => known.Add(Convert.ToHexString(c.Hash))).ToList();
        if (fresh.Count == 0)
            return;

        // A chunk that appeared since the touch came from a concurrent upload of the same content: it is then only
        // touched. A chunk collected since is simply inserted again, as its content is still at hand.
        await using var insert = dataSource.CreateBatch();
        foreach (var chunk in fresh)
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
