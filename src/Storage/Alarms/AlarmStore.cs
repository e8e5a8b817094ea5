using System.Security.Cryptography;
using System.Text;
using Com.Grains.Interfaces.Alarms;
using Npgsql;
using NpgsqlTypes;

namespace Com.Storage.Alarms;

/// <summary>Alarm rows in PostgreSQL (table <c>com_alarms</c>): written by customer grains, read by the alarm list.</summary>
public sealed class AlarmStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "customer_id, server, category, description, severity, first_at, last_at, occurrences, ongoing";

    public async Task<IReadOnlyList<AlarmRow>> LoadAsync(string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM com_alarms WHERE customer_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        return await ReadRowsAsync(command, ct);
    }

    public async Task UpsertAsync(AlarmRow row, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO com_alarms (key_hash, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (customer_id, key_hash) DO UPDATE SET severity = excluded.severity, last_at = excluded.last_at,
                occurrences = excluded.occurrences, ongoing = excluded.ongoing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Hash(row.Key) });
        command.Parameters.Add(new NpgsqlParameter { Value = row.CustomerId });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Key.Server });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)row.Key.Category });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Key.Description });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)row.Severity });
        command.Parameters.Add(new NpgsqlParameter { Value = row.FirstAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = row.LastAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Occurrences });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Ongoing });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task DeleteAsync(string customerId, IReadOnlyCollection<AlarmKey> keys, CancellationToken ct = default)
    {
        if (keys.Count == 0)
            return;
        await using var command = dataSource.CreateCommand("DELETE FROM com_alarms WHERE customer_id = $1 AND key_hash = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(Hash).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every alarm of a deleted customer.</summary>
    public async Task DeleteAllAsync(string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM com_alarms WHERE customer_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A customer's alarms follow it to its new ID; the key hash does not include the customer.</summary>
    public async Task MoveAsync(string fromId, string toId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE com_alarms SET customer_id = $2 WHERE customer_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = fromId });
        command.Parameters.Add(new NpgsqlParameter { Value = toId });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<AlarmListPage> QueryAsync(AlarmListQuery query, CancellationToken ct = default)
    {
        if (query.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(query));
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        // Scope and search only: the summary counts ignore the severity and type filters.
        const string Scope = """
            ($1::text[] IS NULL OR customer_id = ANY($1))
            AND ($2::text IS NULL OR strpos(lower(server), lower($2)) > 0 OR strpos(lower(description), lower($2)) > 0 OR customer_id = ANY($3))
            """;
        await using var batch = dataSource.CreateBatch();
        var counts = new NpgsqlBatchCommand($"SELECT severity, category, count(*)::int FROM com_alarms WHERE {Scope} GROUP BY severity, category");
        AddScope(counts, query, search);
        var page = new NpgsqlBatchCommand(
            $"""
            SELECT {Columns} FROM com_alarms
            WHERE {Scope} AND ($4::smallint IS NULL OR severity = $4) AND ($5::smallint IS NULL OR category = $5)
            ORDER BY {OrderBy(query)} OFFSET $6 LIMIT $7
            """);
        AddScope(page, query, search);
        page.Parameters.Add(new NpgsqlParameter { Value = query.Severity is { } s ? (short)s : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Smallint });
        page.Parameters.Add(new NpgsqlParameter { Value = query.Category is { } c ? (short)c : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Smallint });
        page.Parameters.Add(new NpgsqlParameter { Value = (long)query.Page * query.PageSize });
        page.Parameters.Add(new NpgsqlParameter { Value = query.PageSize });
        batch.BatchCommands.Add(counts);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var bySeverity = new int[AlarmKinds.Severities.Count];
        var byCategory = new int[AlarmKinds.Categories.Count];
        var total = 0;
        while (await reader.ReadAsync(ct))
        {
            var (severity, category, count) = (reader.GetInt16(0), reader.GetInt16(1), reader.GetInt32(2));
            if (severity < bySeverity.Length)
                bySeverity[severity] += count;
            if (category < byCategory.Length)
                byCategory[category] += count;
            if ((query.Severity is null || (short)query.Severity == severity) && (query.Category is null || (short)query.Category == category))
                total += count;
        }
        await reader.NextResultAsync(ct);
        var rows = new List<AlarmRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(Read(reader));
        return new AlarmListPage(total, [.. rows], bySeverity, byCategory);
    }

    private static void AddScope(NpgsqlBatchCommand command, AlarmListQuery query, string? search)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Customers ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)search ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = query.NameMatches ?? [], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    // Only fixed column names reach the SQL text; ties fall back to the key so pages never overlap.
    private static string OrderBy(AlarmListQuery query)
    {
        var column = query.Sort switch
        {
            AlarmSort.FirstAt => "first_at",
            // Critical is 0: negated, so that "descending" puts the most severe first as a reader expects.
            AlarmSort.Severity => "(-severity)",
            AlarmSort.Category => "category",
            AlarmSort.Customer => "customer_id",
            AlarmSort.Server => "lower(server)",
            AlarmSort.Description => "lower(description)",
            AlarmSort.Occurrences => "occurrences",
            _ => "last_at",
        };
        var direction = query.Descending ? "DESC" : "ASC";
        return $"{column} {direction}, last_at DESC, customer_id, key_hash";
    }

    private static async Task<IReadOnlyList<AlarmRow>> ReadRowsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<AlarmRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(Read(reader));
        return rows;
    }

    private static AlarmRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        new AlarmKey(reader.GetString(1), (AlarmCategory)reader.GetInt16(2), reader.GetString(3)),
        (AlarmSeverity)reader.GetInt16(4),
        new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
        new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
        reader.GetInt32(7),
        reader.GetBoolean(8));

    private static byte[] Hash(AlarmKey key) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Server}\u001f{(int)key.Category}\u001f{key.Description}"));
}
