using Npgsql;

namespace Com.Storage.Customers;

/// <summary>How a name reservation went.</summary>
public enum NameReservation
{
    /// <summary>The name was free and is now this customer's: give it back if the customer is not created after all.</summary>
    Reserved,

    /// <summary>This customer had the name already: it must not be given back on failure.</summary>
    AlreadyOwned,

    /// <summary>Another customer has the name.</summary>
    Taken,
}

/// <summary>
/// Customer names, unique whatever their case and surrounding spaces (table <c>com_customer_names</c>). The primary key
/// is the arbiter, so each operation is one statement and needs no grain to serialise it.
/// </summary>
public sealed class CustomerNameStore(NpgsqlDataSource dataSource)
{
    public static string NameKey(string name) => name.Trim().ToUpperInvariant();

    public async Task<NameReservation> ReserveAsync(string name, string customerId, CancellationToken ct = default)
    {
        // The no-op update makes RETURNING report the owner whether the row is new or not; xmax = 0 only for a new row.
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO com_customer_names (name_key, customer_id) VALUES ($1, $2)
            ON CONFLICT (name_key) DO UPDATE SET customer_id = com_customer_names.customer_id
            RETURNING customer_id, xmax = 0
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = NameKey(name) });
        command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var owner = reader.GetString(0);
        var inserted = reader.GetBoolean(1);
        return owner != customerId ? NameReservation.Taken : inserted ? NameReservation.Reserved : NameReservation.AlreadyOwned;
    }

    /// <summary>Gives back a name reserved by <see cref="ReserveAsync"/> for a customer that was not created.</summary>
    public async Task ReleaseAsync(string name, string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM com_customer_names WHERE name_key = $1 AND customer_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = NameKey(name) });
        command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Moves a reservation to a new name, a new customer ID or both, in one transaction; false, and nothing changed, when
    /// another customer has the new name.
    /// </summary>
    public async Task<bool> MoveAsync(string oldName, string oldId, string newName, string newId, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var release = new NpgsqlCommand("DELETE FROM com_customer_names WHERE name_key = $1 AND customer_id = $2", connection, transaction))
        {
            release.Parameters.Add(new NpgsqlParameter { Value = NameKey(oldName) });
            release.Parameters.Add(new NpgsqlParameter { Value = oldId });
            await release.ExecuteNonQueryAsync(ct);
        }
        await using var claim = new NpgsqlCommand(
            """
            INSERT INTO com_customer_names (name_key, customer_id) VALUES ($1, $2)
            ON CONFLICT (name_key) DO UPDATE SET customer_id = excluded.customer_id
                WHERE com_customer_names.customer_id IN ($2, $3)
            """, connection, transaction);
        claim.Parameters.Add(new NpgsqlParameter { Value = NameKey(newName) });
        claim.Parameters.Add(new NpgsqlParameter { Value = newId });
        claim.Parameters.Add(new NpgsqlParameter { Value = oldId });
        if (await claim.ExecuteNonQueryAsync(ct) == 0)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Frees every name of a deleted customer.</summary>
    public async Task ForgetAsync(string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM com_customer_names WHERE customer_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Takes over names kept before they were rows; a name already in the table keeps its owner.</summary>
    public async Task ImportAsync(IReadOnlyDictionary<string, string> ownersByName, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO com_customer_names (name_key, customer_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = ownersByName.Keys.Select(NameKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = ownersByName.Values.ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The customer that owns a name, if any.</summary>
    public async Task<string?> OwnerAsync(string name, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT customer_id FROM com_customer_names WHERE name_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = NameKey(name) });
        return await command.ExecuteScalarAsync(ct) as string;
    }
}
