using Npgsql;

namespace Com.Storage.Audit;

/// <summary>Appends to and reads the security audit log in PostgreSQL (table <c>com_security_audit</c>).</summary>
public sealed class SecurityAuditLog(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 500;

    public async Task AppendAsync(SecurityEvent entry, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO com_security_audit (at, event, actor, subject, detail, address) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(new NpgsqlParameter { Value = entry.At.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Event });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Detail });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Address });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The newest events first, optionally only those naming <paramref name="account"/> as actor or subject.</summary>
    public async Task<IReadOnlyList<SecurityEvent>> ReadAsync(int skip, int take, string? account = null, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT at, event, actor, subject, detail, address FROM com_security_audit
            WHERE $1::text IS NULL OR lower(actor) = lower($1) OR lower(subject) = lower($1)
            ORDER BY at DESC, id DESC OFFSET $2 LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)account ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, skip) });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(take, 1, MaxPageSize) });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<SecurityEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new SecurityEvent(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }
        return events;
    }
}
