using Com.Grains.Interfaces.Jobs;
using Npgsql;

namespace Com.Harness.Backups;

/// <summary>
/// What backup-stream reads back from COM's database: the nightly job's row in <c>com_jobs</c> (operation
/// <c>automatic-backup</c>) and the stored backup's times in the file store.
/// </summary>
public sealed class AutomaticBackupJob(NpgsqlDataSource dataSource)
{
    public const string Operation = "automatic-backup";

    public sealed record Row(Guid Id, JobStatus Status, DateTime? StartedAt, DateTime? EndedAt);

    /// <summary>
    /// The stored backup: its length, when the store wrote its first batch of chunks (each batch is touched with the
    /// silo's clock as it is written, about 1 MiB into the upload) and when the file was listed, after the last byte.
    /// </summary>
    public sealed record StoredBackup(long Length, DateTime FirstChunkAt, DateTime ListedAt)
    {
        public TimeSpan Upload => ListedAt - FirstChunkAt;
    }

    public async Task<Row?> LatestAsync()
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, status, started_at, ended_at FROM com_jobs WHERE operation = $1 ORDER BY created_at DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = Operation });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new Row(reader.GetGuid(0), (JobStatus)reader.GetInt16(1),
            reader.IsDBNull(2) ? null : reader.GetDateTime(2), reader.IsDBNull(3) ? null : reader.GetDateTime(3));
    }

    /// <summary>Waits until the latest automatic backup job has ended; null if none ended in time.</summary>
    public async Task<Row?> WaitEndedAsync(TimeSpan timeout, Func<bool> stillRunning)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && stillRunning())
        {
            if (await LatestAsync() is { Status: JobStatus.Completed or JobStatus.Failed or JobStatus.PartiallyFailed or JobStatus.Stopped } ended)
                return ended;
            await Task.Delay(500);
        }
        return null;
    }

    public async Task<StoredBackup?> StoredAsync()
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT f.length, min(c.touched_at), f.created_at FROM com_files f
            JOIN com_file_parts p ON p.file_id = f.id JOIN com_file_chunks c ON c.hash = p.chunk_hash
            WHERE f.category = 'backup' GROUP BY f.id ORDER BY f.created_at DESC LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredBackup(reader.GetInt64(0), reader.GetDateTime(1), reader.GetDateTime(2)) : null;
    }
}
