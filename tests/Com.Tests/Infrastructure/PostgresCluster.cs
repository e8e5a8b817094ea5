using Microsoft.Extensions.Configuration;
using Com.Grains;
using Com.Grains.Accounts;
using Com.Grains.Customers;
using Microsoft.Extensions.Time.Testing;
using Com.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Com.Silo.Hosting;
using Orleans.TestingHost;

namespace Com.Tests.Infrastructure;

/// <summary>An in-process Orleans cluster of several silos whose membership, state and reminders live in a fresh PostgreSQL database.</summary>
public class PostgresCluster : IAsyncLifetime
{
    private const string ConnectionKey = "ComTestDb";
    private const string SecurityClockKey = "SecurityClock";
    private const string ActionClockKey = "ActionClock";

    /// <summary>The clock lockouts and expiries read in clusters that ask for it; the silos run in this process.</summary>
    public static FakeTimeProvider SecurityTime { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The clock action leases start and expire by in clusters that ask for it.</summary>
    public static FakeTimeProvider ActionTime { get; } = new(DateTimeOffset.UtcNow);

    private readonly TestDatabase database = new();

    protected virtual short Silos => 3;

    /// <summary>True to judge lockouts and expiries by <see cref="SecurityTime"/>, which tests move by hand.</summary>
    protected virtual bool ControlsSecurityClock => false;

    /// <summary>True to start and expire action leases by <see cref="ActionTime"/>, which tests move by hand.</summary>
    protected virtual bool ControlsActionClock => false;

    public TestCluster Cluster { get; private set; } = default!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public TestDatabase Database => database;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        var builder = new TestClusterBuilder(Silos);
        builder.Properties[ConnectionKey] = database.ConnectionString;
        builder.Properties[SecurityClockKey] = ControlsSecurityClock ? "fake" : "real";
        builder.Properties[ActionClockKey] = ControlsActionClock ? "fake" : "real";
        builder.AddSiloBuilderConfigurator<SiloOnPostgres>();
        builder.AddClientBuilderConfigurator<ClientOnPostgres>();
        Configure(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Adds what a kind of cluster needs beyond COM's grains on PostgreSQL (a grain call filter, say).</summary>
    protected virtual void Configure(TestClusterBuilder builder)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class SiloOnPostgres : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionKey]!;
            if (siloBuilder.Configuration[SecurityClockKey] == "fake")
                siloBuilder.Services.AddSingleton(new SecurityClock(SecurityTime));
            if (siloBuilder.Configuration[ActionClockKey] == "fake")
                siloBuilder.Services.AddSingleton(new ActionClock(ActionTime));
            siloBuilder.UseComPostgres(connectionString).AddComGrains();
            siloBuilder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString)).AddComDataProtection();
            // Test customers are not to be backed up by a run that crosses 02:00.
            siloBuilder.Services.Configure<Com.Grains.Backups.Nightly.NightlyBackupOptions>(o => o.Enabled = false);
        }
    }

    private sealed class ClientOnPostgres : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(o => { o.Invariant = ClusterHosting.NpgsqlInvariant; o.ConnectionString = configuration[ConnectionKey]; });
    }
}
