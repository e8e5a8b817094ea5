using Com.Silo.Hosting;
using Com.Storage;

namespace Com.Silo.Commands;

/// <summary>A short-lived Orleans client for operator commands, configured like the silos it talks to.</summary>
internal static class CommandClient
{
    public static IHost Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.UseOrleansClient(client => client.UseComCluster(cluster, database.ConnectionString));
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Starts the client; false (with a message on stderr) when the cluster does not answer.</summary>
    public static async Task<bool> TryStartAsync(IHost host)
    {
        try
        {
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"The cluster does not answer: {e.Message}");
            return false;
        }
    }
}
