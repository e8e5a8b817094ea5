using Npgsql;

namespace Com.Tests.Infrastructure;

public static class DataSourceExtensions
{
    public static async Task<List<T>> ReadColumnAsync<T>(this NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }
}
