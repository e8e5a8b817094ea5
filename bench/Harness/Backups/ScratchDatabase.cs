using Com.Storage;
using Npgsql;

namespace Com.Harness.Backups;

/// <summary>A fresh database on the benchmark's PostgreSQL with COM's whole schema, as a silo would migrate it.</summary>
public static class ScratchDatabase
{
    public static async Task<NpgsqlDataSource> CreateAsync(string adminConnectionString, string name)
    {
        await using (var server = NpgsqlDataSource.Create(adminConnectionString))
        {
            await using (var drop = server.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                await drop.ExecuteNonQueryAsync();
            await using var create = server.CreateCommand($"CREATE DATABASE \"{name}\"");
            await create.ExecuteNonQueryAsync();
        }
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString);
        await new SchemaMigrator(dataSource).MigrateAsync(Migration.LoadEmbedded());
        return dataSource;
    }
}
