using Npgsql;

namespace Com.Storage;

/// <summary>What a process does with the database before it joins the cluster: wait for it, create it if allowed, migrate it.</summary>
public static class DatabasePreparation
{
    public static async Task<IReadOnlyList<Migration>> PrepareAsync(DatabaseOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        var pipeline = DatabaseResilience.StartupPipeline(options.StartupRetryBudget, log);
        return await pipeline.ExecuteAsync(async token =>
        {
            await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
            var applied = await new SchemaMigrator(dataSource).MigrateAsync(Migration.LoadEmbedded(), token);
            foreach (var migration in applied)
                log($"applied schema migration {migration.Version:D4} {migration.Name}");
            return applied;
        }, cancellationToken);
    }
}
