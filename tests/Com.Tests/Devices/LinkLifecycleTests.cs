using System.Diagnostics;
using System.Net.WebSockets;
using Com.DeviceProtocol;
using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Devices;

/// <summary>Links that drop, freeze, get replaced, or are attacked by a second device claiming the same customer.</summary>
[Collection(SharedDeviceGateway.Name)]
[Trait("Category", "Process")]
public sealed class LinkLifecycleTests(ComDeployment com)
{
    private const string Password = "Pbx-Secret-2";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(string Id, DeviceClient Device)> LinkedAsync(string name)
    {
        var id = await com.ProvisionAsync(name, Password);
        var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(Hellos.Healthy(id, Password), Wait);
        await com.WaitForCodeAsync(id, "Connected");
        return (id, device);
    }

    [Fact]
    public async Task Socket_KilledWithoutGoodbye_TurnsRedWithin15Seconds()
    {
        var (id, device) = await LinkedAsync("Customer whose cable is cut");
        var clock = Stopwatch.StartNew();

        device.Abort();

        var customer = await com.WaitForCodeAsync(id, "Offline", TimeSpan.FromSeconds(15));
        customer.GetProperty("light").GetString().ShouldBe("red");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        await device.DisposeAsync();
    }

    [Fact]
    public async Task Device_ThatFreezes_TurnsRedAfterTheKeepAliveTimeout()
    {
        var (id, device) = await LinkedAsync("Customer whose PBX hangs");
        var clock = Stopwatch.StartNew();

        device.Freeze();

        await com.WaitForCodeAsync(id, "Offline", TimeSpan.FromSeconds(20));
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(ComDeployment.KeepAliveTimeout - TimeSpan.FromSeconds(1), "a silent socket is given its keep-alive timeout");
        await device.DisposeAsync();
    }

    [Fact]
    public async Task SecondLink_OfTheSameSystem_ReplacesTheFirstAndStaysGreen()
    {
        var (id, first) = await LinkedAsync("Customer that reconnects");
        await using var second = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);

        await second.HelloAsync(Hellos.Healthy(id, Password), Wait);

        await first.Closed.WaitAsync(Wait);
        first.CloseDescription.ShouldBe(RefusalReasons.Replaced);
        // The old link's end reaches the grain a moment later and changes nothing visible, so there is no event to await.
        await Eventually.StaysAsync(async () => (await com.CustomerAsync(id)).GetProperty("connectivity").GetString(), code => code == "Connected",
            TimeSpan.FromSeconds(2), "the customer to stay Connected although the replaced link ended");
        await first.DisposeAsync();
    }

    [Fact]
    public async Task RefusedAttempt_WhileALinkIsLive_LeavesTheCustomerGreen()
    {
        var (id, device) = await LinkedAsync("Customer someone impersonates");
        await using var impostor = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);

        await Should.ThrowAsync<LinkRefusedException>(() => impostor.HelloAsync(Hellos.Healthy(id, "guessing-1"), Wait));

        (await com.CustomerAsync(id)).GetProperty("connectivity").GetString().ShouldBe("Connected", "knowing a customer ID must not be enough to turn it orange");
        device.IsClosed.ShouldBeFalse();
        await device.DisposeAsync();
    }

    [Fact]
    public async Task ServerGoingOffline_AfterTheHello_TurnsTheCustomerOrangeAndBack()
    {
        var (id, device) = await LinkedAsync("Customer losing its secondary");
        var hello = Hellos.Healthy(id, Password);

        await device.SendAsync(new StatusMessage(null, [hello.Servers[0], hello.Servers[1] with { Online = false }]), ProtocolJson.Default.StatusMessage, TestContext.Current.CancellationToken);
        (await com.WaitForCodeAsync(id, "ServerOffline")).GetProperty("light").GetString().ShouldBe("orange");
        await device.SendAsync(new StatusMessage(null, hello.Servers), ProtocolJson.Default.StatusMessage, TestContext.Current.CancellationToken);

        await com.WaitForCodeAsync(id, "Connected");
        await device.DisposeAsync();
    }

    [Fact]
    public async Task UnknownCustomer_IsRefusedClearly()
    {
        await using var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<LinkRefusedException>(() => device.HelloAsync(Hellos.Healthy("nosuchcustomer9", Password), Wait));

        refused.Reason.ShouldBe(RefusalReasons.UnknownCustomer);
        await device.Closed.WaitAsync(Wait);
        device.State.ShouldNotBe(WebSocketState.Open);
    }
}
