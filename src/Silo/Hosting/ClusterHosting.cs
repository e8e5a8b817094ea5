using Orleans.Dashboard;
using System.Net;
using Com.Grains;
using Com.Silo.Commands;
using Com.Storage;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

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
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString) ? "" : database.OrleansConnectionString;
        // A background service that fails must not take the silo, its device links and its web users down with it:
        // each of COM's services logs and retries on its own, and the default (stop the host) turned one database
        // hiccup into a second dead silo.
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);

        if (cluster.IsSilo)
        {
            builder.UseOrleans(silo => silo.ConfigureComSilo(cluster, connectionString));
            builder.AddSecurityClockOffsetForTests();
            builder.AddJobOperationForTests();
            // A silo killed without goodbye blocks newcomers until its heartbeat row is stale: 30 s x 2 by default here,
            // not Orleans' 5 min x 2, so a cluster restarted after a crash is back within about a minute.
            builder.Services.Configure<ClusterMembershipOptions>(o =>
            {
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
                // Orleans stretches a probe's timeout up to 4 x 5 s when the prober itself is busy, so on loaded silos a
                // killed one was declared dead only after about a minute, and its devices stayed red as long. Capped, a
                // silo that answers none of three probes is declared dead within about 15 s even then.
                o.MaxProbeTimeout = TimeSpan.FromSeconds(5);
            });
            builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{ClusterSettings.Section}:Membership"));
        }
        else
            builder.UseOrleansClient(client => client.UseComCluster(cluster, connectionString).AddDashboard());
        return builder;
    }

    /// <summary>An Orleans client of the COM cluster, found through its PostgreSQL membership (web role, operator commands).</summary>
    public static IClientBuilder UseComCluster(this IClientBuilder client, ClusterSettings cluster, string connectionString) => client
        .Configure<ClusterOptions>(o => { o.ClusterId = cluster.ClusterId; o.ServiceId = cluster.ServiceId; })
        .UseAdoNetClustering(o => { o.Invariant = NpgsqlInvariant; o.ConnectionString = connectionString; });

    public static ISiloBuilder ConfigureComSilo(this ISiloBuilder silo, ClusterSettings cluster, string connectionString)
    {
        silo.Configure<ClusterOptions>(o => { o.ClusterId = cluster.ClusterId; o.ServiceId = cluster.ServiceId; })
            .Configure<SiloOptions>(o => o.SiloName = cluster.SiloName ?? $"{Environment.MachineName}-{cluster.SiloPort}")
            .ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false)
            .UseComPostgres(connectionString)
            .AddComGrains()
            .AddGrainCallCounting()
            .AddDashboard();
        return silo;
    }

    /// <summary>Membership, grain state and reminders in COM's PostgreSQL database.</summary>
    public static ISiloBuilder UseComPostgres(this ISiloBuilder silo, string connectionString) => silo
        .UseAdoNetClustering(o => { o.Invariant = NpgsqlInvariant; o.ConnectionString = connectionString; })
        // Orleans' own binary format: version-tolerant through [Id]/[Alias], no JSON type allow-list to trip over.
        .AddAdoNetGrainStorage(ComStorage.Default, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }))
        .UseAdoNetReminderService(o => { o.Invariant = NpgsqlInvariant; o.ConnectionString = connectionString; });
}
