using Npgsql;

namespace Com.Storage.RemoteSupport;

/// <summary>
/// Maintenance proxy accounts (table <c>com_proxy_accounts</c>). Every silo's proxy reads them to check a sign-in, so
/// they live in rows rather than in one grain that every tunnel would have to call.
/// </summary>
public sealed class ProxyAccountStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "kind, name, user_name, password_hash, updated_by, updated_at";

    /// <summary>Creates the accounts of these names if they do not exist yet; existing ones keep their credentials.</summary>
    public async Task EnsureAsync(IEnumerable<(ProxyAccountKind Kind, string Name)> accounts, CancellationToken ct = default)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var (kind, name) in accounts.DistinctBy(a => (a.Kind, a.Name.Trim().ToLowerInvariant())))
        {
            if (string.IsNullOrWhiteSpace(name))
                continue;
            var insert = new NpgsqlBatchCommand("INSERT INTO com_proxy_accounts (kind, name) VALUES ($1, $2) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter { Value = ProxyAccount.KindName(kind) });
            insert.Parameters.Add(new NpgsqlParameter { Value = name.Trim() });
            batch.BatchCommands.Add(insert);
        }
        if (batch.BatchCommands.Count > 0)
            await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Sets an account's user name and password hash. False when another account already has that user name (compared
    /// without case); the account is created if it did not exist.
    /// </summary>
    public async Task<bool> SetCredentialsAsync(ProxyAccountKind kind, string name, string userName, string passwordHash, string updatedBy, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO com_proxy_accounts (kind, name, user_name, password_hash, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (kind, lower(name)) DO UPDATE SET user_name = excluded.user_name, password_hash = excluded.password_hash,
                updated_by = excluded.updated_by, updated_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ProxyAccount.KindName(kind) });
        command.Parameters.Add(new NpgsqlParameter { Value = name.Trim() });
        command.Parameters.Add(new NpgsqlParameter { Value = userName });
        command.Parameters.Add(new NpgsqlParameter { Value = passwordHash });
        command.Parameters.Add(new NpgsqlParameter { Value = updatedBy });
        try
        {
            await command.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "com_proxy_accounts_user")
        {
            return false;
        }
    }

    /// <summary>
    /// Sets the credentials of an existing account in one statement, so two users setting the same account at once
    /// cannot both believe they set it first: unless <paramref name="replace"/>, an account with credentials is left
    /// alone. Returns the account as stored when it changed.
    /// </summary>
    public async Task<(CredentialsUpdate Outcome, ProxyAccount? Account)> UpdateCredentialsAsync(
        ProxyAccountKind kind, string name, string userName, string passwordHash, string updatedBy, bool replace, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE com_proxy_accounts SET user_name = $3, password_hash = $4, updated_by = $5, updated_at = now()
            WHERE kind = $1 AND lower(name) = lower($2) AND ($6 OR user_name IS NULL)
            RETURNING {Columns}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ProxyAccount.KindName(kind) });
        command.Parameters.Add(new NpgsqlParameter { Value = name.Trim() });
        command.Parameters.Add(new NpgsqlParameter { Value = userName });
        command.Parameters.Add(new NpgsqlParameter { Value = passwordHash });
        command.Parameters.Add(new NpgsqlParameter { Value = updatedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = replace });
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
                return (CredentialsUpdate.Updated, Read(reader));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "com_proxy_accounts_user")
        {
            return (CredentialsUpdate.UserNameTaken, null);
        }
        return (await FindAsync(kind, name, ct) is null ? CredentialsUpdate.NoAccount : CredentialsUpdate.AlreadySet, null);
    }

    /// <summary>The account signing in with <paramref name="userName"/> (without case), or null.</summary>
    public async Task<ProxyAccount?> FindByUserAsync(string userName, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM com_proxy_accounts WHERE lower(user_name) = lower($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = userName });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<ProxyAccount?> FindAsync(ProxyAccountKind kind, string name, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM com_proxy_accounts WHERE kind = $1 AND lower(name) = lower($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = ProxyAccount.KindName(kind) });
        command.Parameters.Add(new NpgsqlParameter { Value = name.Trim() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Every account, by kind and name.</summary>
    public async Task<IReadOnlyList<ProxyAccount>> ListAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM com_proxy_accounts ORDER BY kind DESC, lower(name)");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var accounts = new List<ProxyAccount>();
        while (await reader.ReadAsync(ct))
            accounts.Add(Read(reader));
        return accounts;
    }

    private static ProxyAccount Read(NpgsqlDataReader reader) => new(
        ProxyAccount.ParseKind(reader.GetString(0)) ?? throw new InvalidDataException($"com_proxy_accounts holds an unknown kind '{reader.GetString(0)}'"),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}

/// <summary>What <see cref="ProxyAccountStore.UpdateCredentialsAsync"/> did.</summary>
public enum CredentialsUpdate
{
    Updated,
    /// <summary>Another account signs in with that user name (compared without case).</summary>
    UserNameTaken,
    /// <summary>The account has credentials and replacing them was not asked for.</summary>
    AlreadySet,
    NoAccount,
}
