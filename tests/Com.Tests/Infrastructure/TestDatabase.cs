using Com.Storage;
using Npgsql;

namespace Com.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database on the test PostgreSQL server that <c>./com test</c> starts (COM_TEST_DB),
/// dropped again when the test class is done.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly string? server;

    // One public constructor: xunit builds class fixtures through it.
    public TestDatabase()
    {
    }

    private TestDatabase(string server) => this.server = server;

    /// <summary>A database on another server than COM_TEST_DB (e.g. a <see cref="PrivatePostgres"/> a test may restart).</summary>
    public static TestDatabase OnServer(string server) => new(server);

    public string ConnectionString { get; private set; } = "";

    public string Name { get; } = $"com_test_{Guid.NewGuid():N}"[..24];

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("COM_TEST_DB")
        ?? throw new InvalidOperationException("COM_TEST_DB is not set: run the tests with ./com test, which starts PostgreSQL for them.");

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await CreateEmptyAsync(Name, server);
        await using var dataSource = CreateDataSource();
        await new SchemaMigrator(dataSource).MigrateAsync(Migration.LoadEmbedded());
    }

    /// <summary>Creates an empty database (no schema) and returns its connection string.</summary>
    public static async Task<string> CreateEmptyAsync(string name, string? serverConnectionString = null)
    {
        serverConnectionString ??= ServerConnectionString;
        await using var server = NpgsqlDataSource.Create(serverConnectionString);
        await using var create = server.CreateCommand($"CREATE DATABASE \"{name}\"");
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropAsync(string name, string? serverConnectionString = null)
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = NpgsqlDataSource.Create(serverConnectionString ?? ServerConnectionString);
        await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await DropAsync(Name, server);
}
