using Orleans.Dashboard;
using System.Net;
using Com.Grains;
using Com.Storage;
using Orleans.Configuration;

namespace Com.Silo.Hosting;

/// <summary>Joins this process to the COM cluster through PostgreSQL, as a silo or as a web-front client.</summary>
public static class ClusterHosting
{
    // Orleans' ADO.NET providers look the Npgsql factory up by this invariant name.
    public const string NpgsqlInvariant = "Npgsql";

    public static bool IsSilo(this WebApplicationBuilder builder) =>
        (builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings()).IsSilo;

    public static WebApplicationBuilder AddComCluster(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var connectionString = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.ConnectionString ?? "";

        if (cluster.IsSilo)
            builder.UseOrleans(silo => silo.ConfigureComSilo(cluster, connectionString));
        else
            builder.UseOrleansClient(client => client
                .Configure<ClusterOptions>(o => { o.ClusterId = cluster.ClusterId; o.ServiceId = cluster.ServiceId; })
                .UseAdoNetClustering(o => { o.Invariant = NpgsqlInvariant; o.ConnectionString = connectionString; })
                .AddDashboard());
        return builder;
    }

    public static ISiloBuilder ConfigureComSilo(this ISiloBuilder silo, ClusterSettings cluster, string connectionString)
    {
        silo.Configure<ClusterOptions>(o => { o.ClusterId = cluster.ClusterId; o.ServiceId = cluster.ServiceId; })
            .Configure<SiloOptions>(o => o.SiloName = cluster.SiloName ?? $"{Environment.MachineName}-{cluster.SiloPort}")
            .ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false)
            .UseComPostgres(connectionString)
            .AddComGrains()
            .AddDashboard();
        return silo;
    }

    /// <summary>Membership, grain state and reminders in COM's PostgreSQL database.</summary>
    public static ISiloBuilder UseComPostgres(this ISiloBuilder silo, string connectionString) => silo
        .UseAdoNetClustering(o => { o.Invariant = NpgsqlInvariant; o.ConnectionString = connectionString; })
        .AddAdoNetGrainStorage(ComStorage.Default, o => { o.Invariant = NpgsqlInvariant; o.ConnectionString = connectionString; })
        .UseAdoNetReminderService(o => { o.Invariant = NpgsqlInvariant; o.ConnectionString = connectionString; });
}
