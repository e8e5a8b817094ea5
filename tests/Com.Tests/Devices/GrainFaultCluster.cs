using Com.Grains.Interfaces.Customers;
using Com.Tests.Infrastructure;
using Npgsql;
using Orleans.TestingHost;

namespace Com.Tests.Devices;

/// <summary>
/// A one-silo cluster on PostgreSQL whose customer grains have a planted bug: <see cref="ICustomerLinkGrain.ConnectAsync"/>
/// of customers named <c>bughello…</c>, and <see cref="ICustomerLinkGrain.ReportAlarmAsync"/> of customers named
/// <c>bugalarm…</c>, throw <see cref="InvalidOperationException"/> inside the silo, as a grain with a bug would; alarms of
/// customers named <c>dbdown…</c> and <c>dbbug…</c> meet a <see cref="PostgresException"/>, as in a database outage or error.
/// </summary>
public sealed class GrainFaultCluster : PostgresCluster
{
    public const string HelloBugPrefix = "bughello";
    public const string AlarmBugPrefix = "bugalarm";
    public const string PlantedMessage = "planted bug: sequence contains no elements";
    /// <summary>Customers whose alarms meet PostgreSQL restarting (SQL state 57P01) inside the silo.</summary>
    public const string DatabaseDownPrefix = "dbdown";
    /// <summary>Customers whose alarms meet a database error that no retry cures (SQL state 42P01, a missing table).</summary>
    public const string DatabaseBugPrefix = "dbbug";

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
            if (planted)
                return FailAsync();
            if (method == nameof(ICustomerLinkGrain.ReportAlarmAsync) && key.StartsWith(CustomerIds.GrainKey(DatabaseDownPrefix), StringComparison.Ordinal))
                return FailOnDatabaseAsync("57P01", "terminating connection due to administrator command");
            if (method == nameof(ICustomerLinkGrain.ReportAlarmAsync) && key.StartsWith(CustomerIds.GrainKey(DatabaseBugPrefix), StringComparison.Ordinal))
                return FailOnDatabaseAsync("42P01", "relation \"com_alarms\" does not exist");
            return context.Invoke();
        }

        private static async Task FailOnDatabaseAsync(string sqlState, string message)
        {
            await Task.Yield();
            throw new PostgresException(message, "FATAL", "FATAL", sqlState);
        }

        private static async Task FailAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException(PlantedMessage);
        }
    }
}
