using Npgsql;

namespace Com.Tests.Infrastructure;

/// <summary>A throw-away database with no schema at all, for tests of the migrator itself.</summary>
public sealed class EmptyDatabase : IAsyncDisposable
{
    private EmptyDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<EmptyDatabase> CreateAsync()
    {
        var name = $"com_empty_{Guid.NewGuid():N}"[..24];
        return new EmptyDatabase(name, await TestDatabase.CreateEmptyAsync(name));
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public Task<List<T>> ReadColumnAsync<T>(string sql) => DataSource.ReadColumnAsync<T>(sql);

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await TestDatabase.DropAsync(Name);
    }
}
