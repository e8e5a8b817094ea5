using Com.Grains;
using Com.Grains.Interfaces.Customers;
using Com.Silo.Hosting;
using Com.Storage;
using Com.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Com.Tests.Devices;

/// <summary>
/// A one-silo cluster on PostgreSQL whose customer grains have a planted bug: <see cref="ICustomerLinkGrain.ConnectAsync"/>
/// of customers named <c>bughello…</c>, and <see cref="ICustomerLinkGrain.ReportAlarmAsync"/> of customers named
/// <c>bugalarm…</c>, throw <see cref="InvalidOperationException"/> inside the silo, as a grain with a bug would.
/// </summary>
public sealed class GrainFaultCluster : IAsyncLifetime
{
    public const string HelloBugPrefix = "bughello";
    public const string AlarmBugPrefix = "bugalarm";
    public const string PlantedMessage = "planted bug: sequence contains no elements";
    private const string ConnectionKey = "ComTestDb";

    private readonly TestDatabase database = new();

    public TestCluster Cluster { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        var builder = new TestClusterBuilder(1);
        builder.Properties[ConnectionKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloWithPlantedBugs>();
        builder.AddClientBuilderConfigurator<Client>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await database.DisposeAsync();
    }

    private sealed class SiloWithPlantedBugs : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionKey]!;
            siloBuilder.UseComPostgres(connectionString).AddComGrains();
            siloBuilder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString)).AddComDataProtection();
            siloBuilder.AddIncomingGrainCallFilter<PlantedBugs>();
        }
    }

    private sealed class Client : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(o => { o.Invariant = ClusterHosting.NpgsqlInvariant; o.ConnectionString = configuration[ConnectionKey]; });
    }

    private sealed class PlantedBugs : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            var key = context.TargetId.Key.ToString() ?? "";
            var method = context.ImplementationMethod.Name;
            var planted = (method == nameof(ICustomerLinkGrain.ConnectAsync) && key.StartsWith(CustomerIds.GrainKey(HelloBugPrefix), StringComparison.Ordinal))
                          || (method == nameof(ICustomerLinkGrain.ReportAlarmAsync) && key.StartsWith(CustomerIds.GrainKey(AlarmBugPrefix), StringComparison.Ordinal));
            return planted ? FailAsync() : context.Invoke();
        }

        private static async Task FailAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException(PlantedMessage);
        }
    }
}
