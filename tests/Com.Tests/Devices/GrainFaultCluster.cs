using Com.Grains.Interfaces.Customers;
using Com.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Com.Tests.Devices;

/// <summary>
/// A one-silo cluster on PostgreSQL whose customer grains have a planted bug: <see cref="ICustomerLinkGrain.ConnectAsync"/>
/// of customers named <c>bughello…</c>, and <see cref="ICustomerLinkGrain.ReportAlarmAsync"/> of customers named
/// <c>bugalarm…</c>, throw <see cref="InvalidOperationException"/> inside the silo, as a grain with a bug would.
/// </summary>
public sealed class GrainFaultCluster : PostgresCluster
{
    public const string HelloBugPrefix = "bughello";
    public const string AlarmBugPrefix = "bugalarm";
    public const string PlantedMessage = "planted bug: sequence contains no elements";

    protected override short Silos => 1;

    protected override void Configure(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<SiloWithPlantedBugs>();

    private sealed class SiloWithPlantedBugs : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddIncomingGrainCallFilter<PlantedBugs>();
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
