namespace Com.Tests.Infrastructure;

/// <summary>Runs one of the statements stored in <c>orleansquery</c> the way Orleans' providers do: named @parameters.</summary>
public static class OrleansQueries
{
    public static async Task<List<Dictionary<string, object?>>> ReadAsync(TestDatabase database, string key, params (string Name, object? Value)[] parameters)
    {
        await using var dataSource = database.CreateDataSource();
        var text = (await dataSource.ReadColumnAsync<string>($"SELECT querytext FROM orleansquery WHERE querykey = '{key}'")).Single();
        await using var command = dataSource.CreateCommand(text);
        foreach (var (name, value) in parameters)
            command.Parameters.Add(value switch
            {
                TypedNull typed => new Npgsql.NpgsqlParameter(name, typed.Type) { Value = DBNull.Value },
                _ => new Npgsql.NpgsqlParameter(name, value),
            });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        return rows;
    }
}

/// <summary>A NULL parameter that still carries its type, as Orleans sends them.</summary>
public sealed record TypedNull(NpgsqlTypes.NpgsqlDbType Type);
