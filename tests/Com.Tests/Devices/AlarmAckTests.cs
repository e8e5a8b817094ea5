using System.Text.Json;
using Com.DeviceProtocol;
using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Devices;

/// <summary>An alarm or status with an id is acknowledged only once stored, so a device that resends unacknowledged ones loses nothing.</summary>
[Collection(SharedDeviceGateway.Name)]
[Trait("Category", "Process")]
public sealed class AlarmAckTests(ComDeployment com)
{
    private const string Password = "Pbx-Secret-4";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static AlarmMessage Alarm(string id, bool ongoing) => new(id, "primary", "major", "trunk", "SIP trunk 3 out of service", ongoing);

    private static async Task<string> NextAckAsync(DeviceClient device)
    {
        var (type, json) = await device.ReceiveAsync(Wait);
        type.ShouldBe(MessageTypes.Ack, json);
        return JsonSerializer.Deserialize(json, ProtocolJson.Default.AckMessage)!.Id!;
    }

    private static Task SendAsync(DeviceClient device, AlarmMessage alarm) =>
        device.SendAsync(alarm, ProtocolJson.Default.AlarmMessage, TestContext.Current.CancellationToken);

    private static async Task<(string Id, DeviceClient Device)> LinkedAsync(ComDeployment deployment, string name)
    {
        var id = await deployment.ProvisionAsync(name, Password);
        var device = await DeviceClient.ConnectAsync(deployment.Silo.LinkUri, deployment.Silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(Hellos.Healthy(id, Password), Wait);
        return (id, device);
    }

    private async Task<int> OngoingAlarmsAsync(string id) => (await com.CustomerAsync(id)).GetProperty("ongoingAlarms").GetInt32();

    [Fact]
    public async Task RaiseAndClear_AreAckedWithTheirIds_AndTheCountFollows()
    {
        var (id, device) = await LinkedAsync(com, "Customer raising an alarm");
        await using var _ = device;

        await SendAsync(device, Alarm("a-1", ongoing: true));
        (await NextAckAsync(device)).ShouldBe("a-1");
        (await OngoingAlarmsAsync(id)).ShouldBe(1);

        await SendAsync(device, Alarm("a-1", ongoing: true));
        (await NextAckAsync(device)).ShouldBe("a-1", "a resent alarm is acknowledged again");
        (await OngoingAlarmsAsync(id)).ShouldBe(1, "raising an ongoing alarm again changes nothing");

        await SendAsync(device, Alarm("a-2", ongoing: false));
        (await NextAckAsync(device)).ShouldBe("a-2");
        (await OngoingAlarmsAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task Status_WithAnId_IsAckedAndTakesEffect()
    {
        var (id, device) = await LinkedAsync(com, "Customer reporting status");
        await using var __ = device;
        var hello = Hellos.Healthy("x", Password);

        await device.SendAsync(new StatusMessage("s-1", [hello.Servers[0], hello.Servers[1] with { Online = false }]), ProtocolJson.Default.StatusMessage, TestContext.Current.CancellationToken);

        (await NextAckAsync(device)).ShouldBe("s-1");
        (await com.WaitForCodeAsync(id, "ServerOffline")).GetProperty("light").GetString().ShouldBe("orange", "the acked status reports a server offline");
    }

    [Fact]
    public async Task Alarm_WithAnOverlongId_IsRefusedAndNotStored()
    {
        var (id, device) = await LinkedAsync(com, "Customer with long ids");
        await using var _ = device;

        await SendAsync(device, Alarm(new string('x', ProtocolLimits.MaxMessageIdLength + 1), ongoing: true));

        var (type, json) = await device.ReceiveAsync(Wait);
        type.ShouldBe(MessageTypes.Error, json);
        json.ShouldContain(RefusalReasons.MalformedMessage);
        (await OngoingAlarmsAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task AckedAlarm_SurvivesItsSiloBeingKilled()
    {
        await using var deployment = new ComDeployment();
        deployment.Settings["Com__Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:05";
        await deployment.InitializeAsync();
        var (id, device) = await LinkedAsync(deployment, "Customer whose silo dies");
        await SendAsync(device, Alarm("a-1", ongoing: true));
        (await NextAckAsync(device)).ShouldBe("a-1");

        deployment.Silo.Kill();
        await deployment.StartSiloAsync();

        var after = await deployment.WaitForCodeAsync(id, "Offline", TimeSpan.FromSeconds(30));
        after.GetProperty("ongoingAlarms").GetInt32().ShouldBe(1, "an acknowledged alarm must have been in PostgreSQL");
        await device.DisposeAsync();
    }
}
