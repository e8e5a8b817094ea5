using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Devices;

/// <summary>NF-2: everything a customer grain persisted reads back after the whole cluster went down.</summary>
[Trait("Category", "Process")]
public sealed class RestartTests
{
    private const string Password = "Pbx-Secret-8";

    [Fact]
    public async Task Customer_AfterTheOnlySiloDies_ReadsBackItsDataAndShowsOffline_ThenRelinks()
    {
        await using var com = new ComDeployment();
        com.Settings["Com__Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:05";
        await com.InitializeAsync();
        var id = await com.ProvisionAsync("Customer through a power cut", Password);
        var hello = Hellos.Healthy(id, Password);
        var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(hello, TimeSpan.FromSeconds(10));
        var before = await com.WaitForCodeAsync(id, "Connected");

        com.Silo.Kill();
        var fresh = await com.StartSiloAsync();

        var after = await com.WaitForCodeAsync(id, "Offline", TimeSpan.FromSeconds(30));
        after.GetProperty("systemName").GetString().ShouldBe(before.GetProperty("systemName").GetString(), "the network must be read back from PostgreSQL");
        after.GetProperty("servers").GetInt32().ShouldBe(2);
        await using var relinked = await DeviceClient.ConnectAsync(fresh.LinkUri, fresh.PublicCertificate, TestContext.Current.CancellationToken);
        await relinked.HelloAsync(hello, TimeSpan.FromSeconds(20));
        await com.WaitForCodeAsync(id, "Connected");
        await device.DisposeAsync();
    }
}
