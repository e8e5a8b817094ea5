using Com.DeviceProtocol;
using Com.Grains.Interfaces.Customers;
using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Devices;

/// <summary>LINK-5 and NF-2: links move between silos and a silo's death loses no customer's state.</summary>
[Trait("Category", "Process")]
public sealed class FailoverTests
{
    private const string Password = "Pbx-Secret-4";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<DeviceClient> LinkAsync(SiloProcess silo, string id)
    {
        var device = await DeviceClient.ConnectAsync(silo.LinkUri, silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(Hellos.Healthy(id, Password), Wait);
        return device;
    }

    /// <summary>Reconnects as a real device does after a failure: again, after a pause, while COM asks it to.</summary>
    private static async Task<DeviceClient> RelinkAsync(SiloProcess silo, string id)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LinkAsync(silo, id);
            }
            catch (LinkRefusedException refused) when (refused.Reason == RefusalReasons.TryAgainLater && attempt < 30)
            {
                // Device back-off model: a real PBX waits before it tries again, and COM relies on that pause.
                await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public async Task Device_ReconnectingToAnotherSilo_IsGreenAgainWithItsStateIntact()
    {
        await using var com = new ComDeployment();
        await com.InitializeAsync();
        var second = await com.StartSiloAsync();
        var id = await com.ProvisionAsync("Customer that moves", Password);
        var device = await LinkAsync(com.Silo, id);
        var before = await com.WaitForCodeAsync(id, "Connected");

        device.Abort();
        await com.WaitForCodeAsync(id, "Offline", TimeSpan.FromSeconds(15));
        await using var moved = await RelinkAsync(second, id);

        var after = await com.WaitForCodeAsync(id, "Connected");
        after.GetProperty("systemName").GetString().ShouldBe(before.GetProperty("systemName").GetString());
        after.GetProperty("servers").GetInt32().ShouldBe(2);
        await using var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString);
        var management = client.Grains.GetGrain<IManagementGrain>(0);
        var secondAddress = (await management.GetDetailedHosts(onlyActive: true)).Single(h => h.SiloName == second.Name).SiloAddress;
        var customer = client.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id));
        var host = await Eventually.GetAsync(async () => { await customer.GetSummaryAsync(); return await management.GetActivationAddress(customer); },
            address => secondAddress.Equals(address), TimeSpan.FromSeconds(30));
        host.ShouldBe(secondAddress, "the customer's grain should follow its link to the silo holding the socket");
        await device.DisposeAsync();
    }

    [Fact]
    public async Task SiloKilled_ItsDevicesReconnectElsewhere_AndEveryCustomerKeepsItsData()
    {
        await using var com = new ComDeployment();
        await com.InitializeAsync();
        await com.StartSiloAsync();
        await com.StartSiloAsync();
        var ids = new List<string>();
        var devices = new List<DeviceClient>();
        for (var i = 0; i < 9; i++)
        {
            ids.Add(await com.ProvisionAsync($"Spread customer {i}", Password));
            devices.Add(await LinkAsync(com.Silos[i % 3], ids[i]));
        }
        var before = new Dictionary<string, string>();
        foreach (var id in ids)
            before[id] = (await com.WaitForCodeAsync(id, "Connected")).GetProperty("systemName").GetString()!;

        com.Silos[2].Kill();
        for (var i = 2; i < 9; i += 3)
        {
            await devices[i].Closed.WaitAsync(TimeSpan.FromSeconds(30));
            await devices[i].DisposeAsync();
            devices[i] = await RelinkAsync(com.Silos[i % 2], ids[i]);
        }

        foreach (var id in ids)
        {
            var customer = await com.WaitForCodeAsync(id, "Connected", TimeSpan.FromSeconds(60));
            customer.GetProperty("systemName").GetString().ShouldBe(before[id], $"customer {id} lost its data");
            customer.GetProperty("servers").GetInt32().ShouldBe(2);
        }
        foreach (var device in devices)
            await device.DisposeAsync();
    }

    [Fact]
    public async Task SiloKilled_ItsDevicesThatNeverComeBack_TurnRedInTheCustomerList()
    {
        await using var com = new ComDeployment();
        await com.InitializeAsync();
        var doomed = await com.StartSiloAsync();
        var id = await com.ProvisionAsync("Customer that stays away", Password);
        var device = await LinkAsync(doomed, id);
        await com.WaitForCodeAsync(id, "Connected");
        await using var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString);
        var directory = client.Grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key);

        doomed.Kill();

        var row = await Eventually.GetAsync(async () => (await directory.GetAsync(id))!,
            c => c.Connectivity.Code == ConnectivityCode.Offline, TimeSpan.FromSeconds(90));
        row.Connectivity.Code.ShouldBe(ConnectivityCode.Offline, "the list must not keep showing green for a link whose silo died");
        row.Link.ShouldBeNull();
        await device.DisposeAsync();
    }
}
