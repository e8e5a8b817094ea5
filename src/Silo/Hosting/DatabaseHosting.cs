using Com.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Com.Silo.Hosting;

public static class DatabaseHosting
{
    /// <summary>Waits for PostgreSQL (with retries) and migrates the schema before the silo joins the cluster.</summary>
    public static async Task<WebApplicationBuilder> PrepareDatabaseAsync(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.AppConnectionString));
        builder.Services.AddComDataProtection();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new DatabaseNotConfiguredException("no database configured: set Com__Database__ConnectionString (./com up does it for you).");

        // Only silos migrate: a web-front client must not race schema changes with an older silo.
        var role = builder.Configuration[$"{ClusterSettings.Section}:Role"] ?? "silo";
        if (role == "silo")
        {
            try
            {
                await DatabasePreparation.PrepareAsync(options, message => Console.WriteLine($"com: {message}"));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                var target = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                throw new DatabasePreparationException(
                    $"PostgreSQL at {target.Host}:{target.Port}, database \"{target.Database}\", user \"{target.Username}\": {e.Message.TrimEnd('.')}. " +
                    "Check Com__Database__ConnectionString and that the server is up.", e);
            }
        }
        return builder;
    }
}
