using Com.Grains.Interfaces.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace Com.Storage.Jobs;

/// <summary>
/// The job registry (table <c>com_jobs</c>): each job grain writes its row whenever it saves its state, and the job list
/// and the dashboard read rows here instead of waking every job.
/// </summary>
public sealed class JobStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, name, operation, status, creator, customers, is_immediate, created_at, start_at, started_at, ended_at, "
        + "targets_total, targets_completed, targets_failed, targets_in_progress";

    // A job is listed when every one of its customers is in the caller's scope ($1 null: every customer).
    private const string Scope = "($1::text[] IS NULL OR customers <@ $1::text[])";

    public async Task UpsertAsync(JobRow row, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO com_jobs ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, operation = excluded.operation, status = excluded.status,
                creator = excluded.creator, customers = excluded.customers, is_immediate = excluded.is_immediate,
                created_at = excluded.created_at, start_at = excluded.start_at, started_at = excluded.started_at,
                ended_at = excluded.ended_at, targets_total = excluded.targets_total, targets_completed = excluded.targets_completed,
                targets_failed = excluded.targets_failed, targets_in_progress = excluded.targets_in_progress, updated_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = row.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Operation });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)row.Status });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Creator });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Customers });
        command.Parameters.Add(new NpgsqlParameter { Value = row.IsImmediate });
        command.Parameters.Add(new NpgsqlParameter { Value = row.CreatedAt.UtcDateTime });
        command.Parameters.Add(Moment(row.StartAt));
        command.Parameters.Add(Moment(row.StartedAt));
        command.Parameters.Add(Moment(row.EndedAt));
        command.Parameters.Add(new NpgsqlParameter { Value = row.Progress.Total });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Progress.Completed });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Progress.Failed });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Progress.InProgress });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM com_jobs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<JobRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM com_jobs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<JobListPage> QueryAsync(JobListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(query));
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        const string Matching = $"""
            {Scope} AND ($2::smallint IS NULL OR status = $2) AND ($3::text IS NULL OR operation = $3)
            AND ($4::text IS NULL OR strpos(lower(name), lower($4)) > 0 OR strpos(lower(creator), lower($4)) > 0)
            """;
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand($"SELECT count(*)::int FROM com_jobs WHERE {Matching}");
        AddFilter(count, query, search);
        var page = new NpgsqlBatchCommand($"SELECT {Columns} FROM com_jobs WHERE {Matching} ORDER BY {OrderBy(query)} OFFSET $5 LIMIT $6");
        AddFilter(page, query, search);
        page.Parameters.Add(new NpgsqlParameter { Value = (long)query.Page * query.PageSize });
        page.Parameters.Add(new NpgsqlParameter { Value = query.PageSize });
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = reader.GetInt32(0);
        await reader.NextResultAsync(ct);
        var rows = new List<JobRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(Read(reader));
        return new JobListPage(total, [.. rows]);
    }

    public async Task<JobTally> TallyAsync(string[]? customers, DateTimeOffset failedSince, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT count(*) FILTER (WHERE status = $2)::int, count(*) FILTER (WHERE status = $3)::int,
                   count(*) FILTER (WHERE status = ANY($4) AND ended_at >= $5)::int
            FROM com_jobs WHERE {Scope}
            """);
        command.Parameters.Add(Customers(customers));
        command.Parameters.Add(new NpgsqlParameter { Value = (short)JobStatus.InProgress });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)JobStatus.Scheduled });
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { (short)JobStatus.Failed, (short)JobStatus.PartiallyFailed } });
        command.Parameters.Add(new NpgsqlParameter { Value = failedSince.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new JobTally(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    public async Task<string[]> OperationsAsync(string[]? customers, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT DISTINCT operation FROM com_jobs WHERE {Scope} ORDER BY operation");
        command.Parameters.Add(Customers(customers));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var operations = new List<string>();
        while (await reader.ReadAsync(ct))
            operations.Add(reader.GetString(0));
        return [.. operations];
    }

    private static void AddFilter(NpgsqlBatchCommand command, JobListQuery query, string? search)
    {
        command.Parameters.Add(Customers(query.Customers));
        command.Parameters.Add(new NpgsqlParameter { Value = query.Status is { } s ? (short)s : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Operation ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)search ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    }

    private static NpgsqlParameter Customers(string[]? customers) =>
        new() { Value = (object?)customers ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Moment(DateTimeOffset? at) =>
        new() { Value = at is { } a ? a.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    // Only fixed column names reach the SQL text; ties fall back to the newest job, then the id, so pages never overlap.
    private static string OrderBy(JobListQuery query)
    {
        if (query.Sort is not { } sort)
            return "created_at DESC, id";
        var column = sort switch
        {
            JobSort.Name => "lower(name)",
            JobSort.Operation => "operation",
            JobSort.Status => "status",
            JobSort.Creator => "lower(creator)",
            JobSort.Customers => "cardinality(customers)",
            JobSort.StartAt => "start_at",
            JobSort.EndedAt => "ended_at",
            // How far the job got: the share of its customers that ended either way.
            JobSort.Progress => "((targets_completed + targets_failed)::float8 / greatest(targets_total, 1))",
            _ => "created_at",
        };
        var direction = query.Descending ? "DESC NULLS LAST" : "ASC NULLS FIRST";
        return $"{column} {direction}, created_at DESC, id";
    }

    private static JobRow Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        (JobStatus)reader.GetInt16(3),
        reader.GetString(4),
        reader.GetFieldValue<string[]>(5),
        reader.GetBoolean(6),
        At(reader, 7)!.Value,
        At(reader, 8),
        At(reader, 9),
        At(reader, 10),
        new JobProgress(reader.GetInt32(11), reader.GetInt32(12), reader.GetInt32(13), reader.GetInt32(14)));

    private static DateTimeOffset? At(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);
}
