using Com.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace Com.Tests.Simulator;

/// <summary>Customers, clocks and credentials the simulator's backup tests share.</summary>
internal static class SimulatedBackupFixtures
{
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static IReadOnlyList<CustomerPlan> Plans(int count = 6, int maxServers = 3, int seed = 1) =>
        FleetPlan.Build(new FleetPlanOptions(count, maxServers, FaultPlan.None, seed, "Backup customer")).Customers;

    public static FleetEntry Credentials(CustomerPlan customer) => new(customer.Name, $"c{customer.Index}", "COMAdmin", "secret-password");

    /// <summary>A clock in the middle of a period, so a test's own moves never cross a boundary by accident.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
}
