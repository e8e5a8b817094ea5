using Com.Grains.Interfaces.RemoteSupport;
using Npgsql;
using NpgsqlTypes;

namespace Com.Storage.RemoteSupport;

/// <summary>A tunnel as the audit keeps it (SPEC RS-6).</summary>
public sealed record TunnelSession(
    Guid Id,
    string Account,
    string CustomerId,
    string Target,
    string Client,
    string Silo,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long BytesUp,
    long BytesDown,
    string? EndReason)
{
    /// <summary>The row as grains hand it to the tunnel sessions page.</summary>
    public TunnelSessionRow ToRow() => new(Id, Account, CustomerId, Target, Client, Silo, StartedAt, EndedAt, BytesUp, BytesDown, EndReason);
}

/// <summary>
/// The tunnel audit (table <c>com_tunnel_sessions</c>): a row when a tunnel opens, its byte counts while it runs, and
/// its end and reason. The silo holding the client's socket writes it; no grain call carries a byte count.
/// </summary>
public sealed class TunnelSessionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, account, customer_id, target, client, silo, started_at, ended_at, bytes_up, bytes_down, end_reason";

    public async Task StartAsync(TunnelSession session, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO com_tunnel_sessions (id, account, customer_id, target, client, silo, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new NpgsqlParameter { Value = session.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = session.Account });
        command.Parameters.Add(new NpgsqlParameter { Value = session.CustomerId });
        command.Parameters.Add(new NpgsqlParameter { Value = session.Target });
        command.Parameters.Add(new NpgsqlParameter { Value = session.Client });
        command.Parameters.Add(new NpgsqlParameter { Value = session.Silo });
        command.Parameters.Add(new NpgsqlParameter { Value = session.StartedAt.UtcDateTime });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Live byte counts of many tunnels in one round trip.</summary>
    public async Task CountAsync(IReadOnlyCollection<(Guid Id, long Up, long Down)> counts, CancellationToken ct = default)
    {
        if (counts.Count == 0)
            return;
        await using var command = dataSource.CreateCommand(
            """
            UPDATE com_tunnel_sessions s SET bytes_up = c.up, bytes_down = c.down
            FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS c(id, up, down)
            WHERE s.id = c.id AND s.ended_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => c.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => c.Up).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => c.Down).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task EndAsync(Guid id, DateTimeOffset endedAt, long up, long down, string reason, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE com_tunnel_sessions SET ended_at = $2, bytes_up = $3, bytes_down = $4, end_reason = $5 WHERE id = $1 AND ended_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = endedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = up });
        command.Parameters.Add(new NpgsqlParameter { Value = down });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Ends the tunnels a dead silo held: their sockets died with it.</summary>
    public async Task<int> EndAllOfSiloAsync(string silo, DateTimeOffset endedAt, string reason, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE com_tunnel_sessions SET ended_at = $2, end_reason = $3 WHERE silo = $1 AND ended_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = silo });
        command.Parameters.Add(new NpgsqlParameter { Value = endedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<TunnelSession?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM com_tunnel_sessions WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The newest sessions first.</summary>
    public async Task<IReadOnlyList<TunnelSession>> RecentAsync(int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM com_tunnel_sessions ORDER BY started_at DESC LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var sessions = new List<TunnelSession>();
        while (await reader.ReadAsync(ct))
            sessions.Add(Read(reader));
        return sessions;
    }

    /// <summary>One page of the audit for the tunnel sessions page, and how many rows match the whole query.</summary>
    public async Task<TunnelSessionPage> QueryAsync(TunnelSessionQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(query));
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        const string Matching = """
            ($1 = 0 OR ($1 = 1) = (ended_at IS NULL))
            AND ($2::text IS NULL
                 OR strpos(lower(concat_ws(' ', account, customer_id, target, client, silo, end_reason)), lower($2)) > 0
                 OR customer_id = ANY($3))
            """;
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand($"SELECT count(*)::int FROM com_tunnel_sessions WHERE {Matching}");
        AddFilter(count, query, search);
        var page = new NpgsqlBatchCommand($"SELECT {Columns} FROM com_tunnel_sessions WHERE {Matching} ORDER BY {OrderBy(query)} OFFSET $4 LIMIT $5");
        AddFilter(page, query, search);
        page.Parameters.Add(new NpgsqlParameter { Value = (long)query.Page * query.PageSize });
        page.Parameters.Add(new NpgsqlParameter { Value = query.PageSize });
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = reader.GetInt32(0);
        await reader.NextResultAsync(ct);
        var rows = new List<TunnelSessionRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(Read(reader).ToRow());
        return new TunnelSessionPage(total, [.. rows]);
    }

    private static void AddFilter(NpgsqlBatchCommand command, TunnelSessionQuery query, string? search)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (int)query.State, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)search ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Customers ?? [], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    // Only fixed column names reach the SQL text; ties fall back to the newest tunnel, then the id, so pages never overlap.
    private static string OrderBy(TunnelSessionQuery query)
    {
        if (query.Sort is not { } sort)
            return "started_at DESC, id";
        var column = sort switch
        {
            TunnelSessionSort.Account => "lower(account)",
            TunnelSessionSort.Customer => "customer_id",
            TunnelSessionSort.Target => "lower(target)",
            TunnelSessionSort.Client => "client",
            TunnelSessionSort.Silo => "silo",
            TunnelSessionSort.EndedAt => "ended_at",
            // A live tunnel's duration grows until now.
            TunnelSessionSort.Duration => "(coalesce(ended_at, now()) - started_at)",
            TunnelSessionSort.BytesUp => "bytes_up",
            TunnelSessionSort.BytesDown => "bytes_down",
            TunnelSessionSort.EndReason => "lower(end_reason)",
            _ => "started_at",
        };
        var direction = query.Descending ? "DESC NULLS LAST" : "ASC NULLS FIRST";
        return $"{column} {direction}, started_at DESC, id";
    }

    private static TunnelSession Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
        r.GetInt64(8), r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10));
}
