using Npgsql;

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
    string? EndReason);

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

    private static TunnelSession Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
        r.GetInt64(8), r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10));
}
