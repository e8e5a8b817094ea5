using Com.Grains.Customers;
using Com.Grains.Interfaces.Customers;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Customers;

/// <summary>
/// The customer directory keeps its rows in memory and saves them every 2 s. When its silo dies, the changes of those
/// last seconds must come back from the customers themselves; when it simply goes idle, nothing is lost and no
/// customer need be woken.
/// </summary>
public sealed class DirectoryRestartTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private ICustomerDirectoryGrain Directory => cluster.Grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key);

    private IManagementGrain Management => cluster.Grains.GetGrain<IManagementGrain>(0);

    [Fact]
    public async Task SiloKilledBeforeTheDirectorySaved_RowsComeBackFromTheCustomers()
    {
        var customer = await ProvisionAsync();
        await Eventually.GetAsync(() => RowAsync(customer), r => r?.Connectivity.Code == ConnectivityCode.AwaitingInitialConnection, Patience);
        var home = await Management.GetActivationAddress(Directory) ?? throw new InvalidOperationException("the directory is not active");

        // The customer stores the change at once; the directory holds it in memory until its next save, 2 s away at most.
        await cluster.Grains.GetGrain<ICustomerGrain>(CustomerIds.GrainKey(customer)).ReportConnectionFailedAsync();
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(home)));

        var row = await Eventually.GetAsync(() => RowAsync(customer), r => r?.Connectivity.Code == ConnectivityCode.ConnectionFailed, Patience);
        row.ShouldNotBeNull().Connectivity.Code.ShouldBe(ConnectivityCode.ConnectionFailed, "the directory must ask customers again after a crash");
        (await Management.GetActivationAddress(Directory)).ShouldNotBe(home);
    }

    [Fact]
    public async Task DirectoryDeactivatedCleanly_KeepsItsRows_AndWakesNoCustomer()
    {
        var customer = await ProvisionAsync();
        await cluster.Grains.GetGrain<ICustomerGrain>(CustomerIds.GrainKey(customer)).ReportConnectionFailedAsync();
        await Eventually.GetAsync(() => RowAsync(customer), r => r?.Connectivity.Code == ConnectivityCode.ConnectionFailed, Patience);

        var before = await Management.GetActivationAddress(Directory);
        var firstActivation = (await Directory.SnapshotAsync()).Position.Activation;
        await Management.ForceActivationCollection(TimeSpan.Zero);
        await Eventually.GetAsync(CustomerActivationsAsync, n => n == 0, Patience);
        (await CustomerActivationsAsync()).ShouldBe(0, "every idle grain, the directory included, should have been collected");

        (await RowAsync(customer)).ShouldNotBeNull().Connectivity.Code.ShouldBe(ConnectivityCode.ConnectionFailed);
        (await Directory.SnapshotAsync()).Position.Activation.ShouldNotBe(firstActivation, $"the directory (on {before}) should have been deactivated and come back");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        (await CustomerActivationsAsync()).ShouldBe(0, "a directory that ended cleanly lost nothing, so it must not wake every customer");
    }

    private async Task<string> ProvisionAsync()
    {
        var id = $"dir{Guid.NewGuid():N}"[..16];
        var record = new CustomerRecord(id, $"Directory test {id}", "service", null, null, null, null);
        // As the provisioning API does: the name first, written at once; the row follows within the save interval.
        (await Directory.ReserveNameAsync(record.Name, id)).ShouldBeTrue();
        await cluster.Grains.GetGrain<ICustomerGrain>(CustomerIds.GrainKey(id)).ProvisionAsync(new NewCustomer(record, "secret"));
        return id;
    }

    private async Task<CustomerSummary?> RowAsync(string id) => (await Directory.ListAsync()).SingleOrDefault(c => c.Id == id);

    private async Task<int> CustomerActivationsAsync() =>
        (await Management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Split(',')[0] == typeof(CustomerGrain).FullName)
            .Sum(s => s.ActivationCount);
}
