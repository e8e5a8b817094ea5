using System.Buffers;
using Npgsql;
using NpgsqlTypes;

namespace Com.Storage.Files;

/// <summary>The file store in PostgreSQL: chunks in <c>com_file_chunks</c>, files and their manifests beside them (ADR 12).</summary>
/// <param name="dataSource">COM's database.</param>
/// <param name="clock">Times files and chunk touches; garbage collection judges the grace period by it.</param>
/// <param name="options">The grace period of unreferenced chunks.</param>
/// <param name="buffers">Where chunk buffers are borrowed; no request is ever larger than <see cref="ChunkSizes.Max"/>.</param>
/// <param name="sizes">How content is cut; <see cref="ChunkSizes.Default"/> unless a test asks otherwise.</param>
public sealed class PostgresFileStore(
    NpgsqlDataSource dataSource, TimeProvider clock, FileStoreOptions options, ArrayPool<byte>? buffers = null, ChunkSizes? sizes = null)
    : IFileStore
{
    private const string ForeignKeyViolation = "23503";
    private const int CollectionBatch = 500;

    private readonly ArrayPool<byte> pool = buffers ?? ArrayPool<byte>.Shared;
    private readonly ChunkSizes chunkSizes = sizes ?? ChunkSizes.Default;

    public async Task<StoredFile> SaveAsync(Stream content, FileMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (metadata.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(metadata));
        var written = await new FileUpload(dataSource, chunkSizes, pool, clock).WriteChunksAsync(content, cancellationToken);

        var now = clock.GetUtcNow();
        var file = new StoredFile(Guid.CreateVersion7(now), metadata.Category, metadata.Owner, metadata.Name,
            written.Summary.Length, Convert.ToHexStringLower(written.Summary.Sha256), now);
        try
        {
            await CommitAsync(file, written, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == ForeignKeyViolation)
        {
            throw new IOException(
                $"Saving '{metadata.Name}' took longer than the chunk grace period ({options.ChunkGracePeriod}) and garbage collection " +
                "took some of its chunks; nothing was stored. Upload it again, or lengthen Com:Files:ChunkGracePeriod.", e);
        }
        return file;
    }

    // File row and manifest go in one batch, which PostgreSQL runs as one transaction: both are listed, or neither.
    private async Task CommitAsync(StoredFile file, WrittenContent written, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var row = new NpgsqlBatchCommand(
            "INSERT INTO com_files (id, category, owner, name, length, sha256, chunk_count, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        row.Parameters.Add(new NpgsqlParameter { Value = file.Id });
        row.Parameters.Add(new NpgsqlParameter { Value = file.Category });
        row.Parameters.Add(new NpgsqlParameter { Value = (object?)file.Owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        row.Parameters.Add(new NpgsqlParameter { Value = file.Name });
        row.Parameters.Add(new NpgsqlParameter { Value = file.Length });
        row.Parameters.Add(new NpgsqlParameter { Value = written.Summary.Sha256 });
        row.Parameters.Add(new NpgsqlParameter { Value = written.Hashes.Count });
        row.Parameters.Add(new NpgsqlParameter { Value = file.CreatedAt });
        var parts = new NpgsqlBatchCommand(
            """
            INSERT INTO com_file_parts (file_id, ordinal, position, chunk_hash)
            SELECT $1, (t.n - 1)::integer, t.position, t.hash FROM unnest($2::bigint[], $3::bytea[]) WITH ORDINALITY AS t(position, hash, n)
            """);
        parts.Parameters.Add(new NpgsqlParameter { Value = file.Id });
        parts.Parameters.Add(new NpgsqlParameter { Value = written.Positions.ToArray() });
        parts.Parameters.Add(new NpgsqlParameter { Value = written.Hashes.ToArray() });
        batch.BatchCommands.Add(row);
        batch.BatchCommands.Add(parts);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredFile?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await FindAsync(id, cancellationToken))?.File;

    public async Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var (file, chunkCount) = await FindAsync(id, cancellationToken) ?? throw new StoredFileNotFoundException(id);
        return new FileReadStream(dataSource, file, chunkCount, chunkSizes, pool);
    }

    private async Task<(StoredFile File, int ChunkCount)?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {FileRows.Columns} FROM com_files WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (FileRows.Read(reader), FileRows.ChunkCount(reader)) : null;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM com_files WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<StoredFile>> ListAsync(FileQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {FileRows.Columns} FROM com_files
            WHERE ($1::text IS NULL OR category = $1) AND ($2::text IS NULL OR owner = $2)
            ORDER BY created_at DESC, id DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(query.Limit, 1, FileQuery.MaxLimit) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var files = new List<StoredFile>();
        while (await reader.ReadAsync(cancellationToken))
            files.Add(FileRows.Read(reader));
        return files;
    }

    public Task<CollectedGarbage> CollectGarbageAsync(CancellationToken cancellationToken = default) =>
        new GarbageCollection(dataSource, CollectionBatch).CollectAsync(clock.GetUtcNow() - options.ChunkGracePeriod, cancellationToken);
}
