using Npgsql;

namespace Com.Storage;

/// <summary>
/// Brings a database to the newest schema. Each migration runs once, in its own transaction,
/// under an advisory lock so silos starting together never apply the same step twice.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource)
{
    // Any constant unique to COM; PostgreSQL advisory locks are keyed by a 64-bit number.
    private const long MigrationLockKey = 0x434F4D5F534348; // "COM_SCH"

    public async Task<IReadOnlyList<Migration>> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", MigrationLockKey));
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS com_schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            var pending = migrations.Where(m => !applied.Contains(m.Version)).ToList();
            foreach (var migration in pending)
                await ApplyAsync(connection, migration, cancellationToken);
            return pending;
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", MigrationLockKey));
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var step = new NpgsqlCommand(migration.Sql, connection, transaction))
            await step.ExecuteNonQueryAsync(cancellationToken);
        await using (var record = new NpgsqlCommand("INSERT INTO com_schema_migrations (version, name) VALUES (@v, @n)", connection, transaction))
        {
            record.Parameters.AddWithValue("v", migration.Version);
            record.Parameters.AddWithValue("n", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM com_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
            versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
