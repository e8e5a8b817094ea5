using Npgsql;

namespace Com.Harness.Scenarios;

/// <summary>
/// What the nightly scenario reads from PostgreSQL: the automatic-backup jobs' rows in <c>com_jobs</c> (the registry
/// each job grain mirrors its progress to, at most once a second) and the file store's size.
/// </summary>
public sealed class NightlyJobs(string connectionString)
{
    public const string Operation = "automatic-backup";

    /// <summary>One job row; <c>Failed</c> counts skipped systems too, as <c>JobProgress.Of</c> writes it.</summary>
    public sealed record Row(string Name, int Status, DateTime? StartAt, DateTime? StartedAt, DateTime? EndedAt, int Total, int Completed, int Failed, int InProgress)
    {
        // JobStatus: Scheduled, InProgress, Paused, then the ended ones.
        public bool Ended => Status >= 3 || EndedAt is not null;
    }

    /// <summary>Chunk bytes (what the store holds), and the backup files stored since a moment with their bytes.</summary>
    public sealed record Store(long ChunkBytes, long Files, long FileBytes);

    public async Task<IReadOnlyList<Row>> JobsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT name, status, start_at, started_at, ended_at, targets_total, targets_completed, targets_failed, targets_in_progress " +
            "FROM com_jobs WHERE operation = $1 ORDER BY created_at", connection)
        { Parameters = { new() { Value = Operation } } };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.GetInt16(1), Moment(reader, 2), Moment(reader, 3), Moment(reader, 4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8)));
        }
        return rows;
    }

    public async Task<Store> StoreAsync(DateTime since)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT coalesce(sum(length), 0)::bigint FROM com_file_chunks), count(*), coalesce(sum(length), 0)::bigint " +
            "FROM com_files WHERE category = 'backup' AND created_at >= $1", connection)
        { Parameters = { new() { Value = since } } };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Store(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Backup files stored in each whole minute from <paramref name="from"/> until <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<double>> PerMinuteAsync(DateTime from, DateTime to)
    {
        var minutes = (int)Math.Floor((to - from).TotalMinutes);
        if (minutes < 1)
            return [];
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT floor(extract(epoch FROM created_at - $1) / 60)::int, count(*) FROM com_files " +
            "WHERE category = 'backup' AND created_at >= $1 AND created_at < $1 + make_interval(mins => $2) GROUP BY 1", connection)
        { Parameters = { new() { Value = from }, new() { Value = minutes } } };
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new double[minutes];
        while (await reader.ReadAsync())
            counts[reader.GetInt32(0)] = reader.GetInt64(1);
        return counts;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static DateTime? Moment(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTime.SpecifyKind(reader.GetDateTime(column), DateTimeKind.Utc);
}
