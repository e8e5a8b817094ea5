using System.Runtime.CompilerServices;
using Npgsql;

namespace Com.Storage.Customers;

/// <summary>
/// Customer directory rows (table <c>com_customer_rows</c>): the directory writes only the rows that changed, and
/// callers that need a few customers ask for them here instead of downloading every row.
/// </summary>
public sealed class CustomerRowStore(NpgsqlDataSource dataSource)
{
    /// <summary>Writes changed rows and deletes removed ones in one round trip and one transaction.</summary>
    public async Task WriteAsync(IReadOnlyCollection<CustomerRow> changed, IReadOnlyCollection<string> removed, CancellationToken ct = default)
    {
        if (changed.Count == 0 && removed.Count == 0)
            return;
        await using var batch = dataSource.CreateBatch();
        foreach (var row in changed)
        {
            var upsert = new NpgsqlBatchCommand(
                """
                INSERT INTO com_customer_rows (customer_id, link_silo, link_id, assigned, summary, updated_at)
                VALUES ($1, $2, $3, $4, $5, now())
                ON CONFLICT (customer_id) DO UPDATE SET link_silo = excluded.link_silo, link_id = excluded.link_id,
                    assigned = excluded.assigned, summary = excluded.summary, updated_at = now()
                """);
            AddRowParameters(upsert, row);
            batch.BatchCommands.Add(upsert);
        }
        if (removed.Count > 0)
        {
            var delete = new NpgsqlBatchCommand("DELETE FROM com_customer_rows WHERE customer_id = ANY($1)");
            delete.Parameters.Add(new NpgsqlParameter { Value = removed.ToArray() });
            batch.BatchCommands.Add(delete);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes rows whose customers have none yet, leaving existing rows alone.</summary>
    public async Task WriteMissingAsync(IReadOnlyCollection<CustomerRow> rows, CancellationToken ct = default)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var row in rows)
        {
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO com_customer_rows (customer_id, link_silo, link_id, assigned, summary) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING");
            AddRowParameters(insert, row);
            batch.BatchCommands.Add(insert);
        }
        if (batch.BatchCommands.Count > 0)
            await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every stored summary, streamed.</summary>
    public async IAsyncEnumerable<byte[]> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT summary FROM com_customer_rows");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return reader.GetFieldValue<byte[]>(0);
    }

    /// <summary>Customers whose live link <paramref name="silo"/> held when their row was last written.</summary>
    public async Task<IReadOnlyList<LinkedCustomer>> LinkedThroughAsync(string silo, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT customer_id, link_id FROM com_customer_rows WHERE link_silo = $1 AND link_id IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = silo });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var linked = new List<LinkedCustomer>();
        while (await reader.ReadAsync(ct))
            linked.Add(new LinkedCustomer(reader.GetString(0), reader.GetGuid(1)));
        return linked;
    }

    /// <summary>
    /// Customers whose grain state was written after their directory row, or who have no row: the changes a directory
    /// lost when it died before writing them, while their customer grains died too and cannot send them again.
    /// </summary>
    /// <remarks>
    /// <paramref name="grainType"/> is the customer grain's type name in <c>orleans_storage</c>, <paramref name="keyPrefix"/>
    /// the prefix of its keys before the customer ID.
    /// </remarks>
    public async Task<IReadOnlyList<string>> BehindTheirStateAsync(string grainType, string keyPrefix, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT substr(s.grain_id_extension_string, length($2) + 1)
            FROM orleans_storage s
            LEFT JOIN com_customer_rows r ON r.customer_id = substr(s.grain_id_extension_string, length($2) + 1)
            WHERE s.grain_type_string = $1 AND s.grain_id_extension_string LIKE $2 || '%' AND s.payload_binary IS NOT NULL
              AND (r.customer_id IS NULL OR s.modified_on > r.updated_at)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        command.Parameters.Add(new NpgsqlParameter { Value = keyPrefix });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(ct))
            ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>IDs of the customers a login is assigned to by hand.</summary>
    public async Task<IReadOnlyList<string>> AssignedToAsync(string login, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT customer_id FROM com_customer_rows WHERE assigned @> ARRAY[$1::text]");
        command.Parameters.Add(new NpgsqlParameter { Value = login.ToLowerInvariant() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(ct))
            ids.Add(reader.GetString(0));
        return ids;
    }

    private static void AddRowParameters(NpgsqlBatchCommand command, CustomerRow row)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = row.CustomerId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.LinkSilo ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.LinkId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Assigned });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Summary });
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM com_customer_rows");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
