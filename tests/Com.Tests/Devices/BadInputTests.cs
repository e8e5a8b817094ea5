using System.Net.WebSockets;
using System.Text.Json;
using Com.DeviceProtocol;
using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Devices;

/// <summary>NF-3 on the device link: bad frames get a clear answer, never a crash, and the silo stays healthy.</summary>
[Collection(SharedDeviceGateway.Name)]
[Trait("Category", "Process")]
public sealed class BadInputTests(ComDeployment com)
{
    private const string Password = "Pbx-Secret-3";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private Task<DeviceClient> ConnectAsync() => DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);

    private async Task<DeviceClient> LinkedAsync(string name)
    {
        var id = await com.ProvisionAsync(name, Password);
        var device = await ConnectAsync();
        await device.HelloAsync(Hellos.Healthy(id, Password), Wait);
        return device;
    }

    private static async Task<ErrorMessage> NextErrorAsync(DeviceClient device)
    {
        var (type, json) = await device.ReceiveAsync(Wait);
        type.ShouldBe(MessageTypes.Error, json);
        return JsonSerializer.Deserialize(json, ProtocolJson.Default.ErrorMessage)!;
    }

    [Theory]
    [InlineData("this is not json", RefusalReasons.MalformedMessage)]
    [InlineData("", RefusalReasons.MalformedMessage)]
    [InlineData("{\"type\":\"teleport\",\"id\":\"7\"}", RefusalReasons.UnknownType)]
    [InlineData("{\"type\":\"alarm\",\"server\":\"primary\",\"severity\":\"apocalyptic\",\"category\":\"trunk\",\"description\":\"x\",\"ongoing\":true}", RefusalReasons.MalformedMessage)]
    [InlineData("{\"type\":\"status\",\"servers\":[]}", RefusalReasons.MalformedMessage)]
    public async Task BadMessage_OnALiveLink_GetsAnErrorAndTheLinkLives(string frame, string code)
    {
        await using var device = await LinkedAsync($"Bad {code} {Guid.NewGuid():N}");

        await device.SendRawAsync(frame);

        (await NextErrorAsync(device)).Code.ShouldBe(code);
        await device.SendAsync(new HeartbeatMessage(), ProtocolJson.Default.HeartbeatMessage, TestContext.Current.CancellationToken);
        await device.SendRawAsync("{\"type\":\"teleport\"}");
        (await NextErrorAsync(device)).Code.ShouldBe(RefusalReasons.UnknownType, "the link must still be served after a bad message");
    }

    [Fact]
    public async Task BinaryFrame_WithoutATunnel_GetsAnError()
    {
        await using var device = await LinkedAsync("Customer sending bytes");

        await device.SendBinaryAsync([1, 2, 3, 4]);

        (await NextErrorAsync(device)).Code.ShouldBe(RefusalReasons.TunnelNotOpen);
    }

    [Fact]
    public async Task OversizedFrame_IsRefusedAndTheLinkClosed()
    {
        await using var device = await LinkedAsync("Customer sending a huge frame");

        await device.SendRawAsync("{\"type\":\"heartbeat\",\"pad\":\"" + new string('x', ProtocolLimits.MaxTextFrameBytes) + "\"}");

        var (type, json) = await device.ReceiveAsync(Wait);
        type.ShouldBe(MessageTypes.Refused);
        json.ShouldContain(RefusalReasons.FrameTooLarge);
        await device.Closed.WaitAsync(Wait);
        (await com.Silo.Http.GetAsync("/readyz")).IsSuccessStatusCode.ShouldBeTrue("the silo must stay healthy");
    }

    [Fact]
    public async Task AFrameOfTenMegabytes_OnALiveLink_IsRefusedAsTooBig_WithCloseStatus1009()
    {
        await using var device = await LinkedAsync("Customer sending ten megabytes");

        var sending = device.SendRawAsync("{\"type\":\"heartbeat\",\"pad\":\"" + new string('x', TenMegabytes) + "\"}");

        await ShouldBeRefusedAsTooLargeAsync(device);
        await sending.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task AHelloOfTenMegabytes_IsRefusedAsTooLarge_WithCloseStatus1009()
    {
        await using var device = await ConnectAsync();

        var sending = device.SendRawAsync("{\"type\":\"hello\",\"pad\":\"" + new string('x', TenMegabytes) + "\"}");

        await ShouldBeRefusedAsTooLargeAsync(device);
        await sending.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task AHelloJustOverTheLimit_IsRefusedWithATextThatSaysTooLarge()
    {
        await using var device = await ConnectAsync();

        await device.SendRawAsync("{\"type\":\"hello\",\"pad\":\"" + new string('x', ProtocolLimits.MaxTextFrameBytes) + "\"}");

        await ShouldBeRefusedAsTooLargeAsync(device);
    }

    [Fact]
    public async Task AHelloWhoseProtocolIsAString_IsRefusedAsMalformed_NamingTheField()
    {
        var id = await com.ProvisionAsync("Customer with a string protocol", Password);
        await using var device = await ConnectAsync();
        var hello = JsonSerializer.Serialize(Hellos.Healthy(id, Password), ProtocolJson.Default.HelloMessage);
        hello.ShouldContain("\"protocol\":1,");

        await device.SendRawAsync(hello.Replace("\"protocol\":1,", "\"protocol\":\"1\","));

        var refused = await RefusalAsync(device);
        refused.Reason.ShouldBe(RefusalReasons.ProtocolError, refused.Message);
        refused.Message.ShouldContain("protocol");
        refused.Message.ShouldNotContain("not valid JSON", Case.Insensitive, "the hello is valid JSON; a field has the wrong type");
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(1, -5)]
    public async Task AHelloWithANegativeSessionCount_IsRefusedForThatField_NotForTheAccountState(int sessions, int maxSessions)
    {
        var id = await com.ProvisionAsync($"Customer with {sessions} of {maxSessions} sessions", Password);
        await using var device = await ConnectAsync();

        await device.SendAsync(Hellos.Healthy(id, Password) with { Account = new AccountMessage(Sessions: sessions, MaxSessions: maxSessions) },
            ProtocolJson.Default.HelloMessage, TestContext.Current.CancellationToken);

        var refused = await RefusalAsync(device);
        refused.Reason.ShouldBe(RefusalReasons.ProtocolError, refused.Message);
        refused.Message.ShouldContain("sessions", Case.Insensitive);
        refused.Message.ShouldNotContain("state", Case.Insensitive, "the account state 'ok' is fine; the session count is not");
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Romance Standard Time")]
    [InlineData("../../etc/passwd")]
    public async Task AHelloWithAZoneThatIsNotIana_IsRefusedForThatField(string zone)
    {
        var id = await com.ProvisionAsync($"Customer in zone {zone.GetHashCode(StringComparison.Ordinal)}", Password);
        await using var device = await ConnectAsync();
        var hello = Hellos.Healthy(id, Password);

        await device.SendAsync(hello with { System = hello.System with { TimeZone = zone } }, ProtocolJson.Default.HelloMessage,
            TestContext.Current.CancellationToken);

        var refused = await RefusalAsync(device);
        refused.Reason.ShouldBe(RefusalReasons.ProtocolError, refused.Message);
        refused.Message.ShouldContain("timeZone");
    }

    private const int TenMegabytes = 10 * 1024 * 1024;

    private static async Task<RefusedMessage> RefusalAsync(DeviceClient device)
    {
        var (type, json) = await device.ReceiveAsync(Wait);
        type.ShouldBe(MessageTypes.Refused, json);
        return JsonSerializer.Deserialize(json, ProtocolJson.Default.RefusedMessage)!;
    }

    private async Task ShouldBeRefusedAsTooLargeAsync(DeviceClient device)
    {
        var refused = await RefusalAsync(device);
        refused.Reason.ShouldBe(RefusalReasons.FrameTooLarge, refused.Message);
        await device.Closed.WaitAsync(Wait);
        device.CloseStatus.ShouldBe(WebSocketCloseStatus.MessageTooBig, $"the device must learn why the link ended ({device.CloseDescription})");
        refused.Message.ShouldContain("too large");
        (await com.Silo.Http.GetAsync("/readyz")).IsSuccessStatusCode.ShouldBeTrue("the silo must stay healthy");
    }

    [Theory]
    [InlineData("not json at all", RefusalReasons.ProtocolError)]
    [InlineData("{\"type\":\"heartbeat\"}", RefusalReasons.HelloExpected)]
    [InlineData("{\"type\":\"hello\",\"protocol\":99,\"customerId\":\"abc\"}", RefusalReasons.UnsupportedProtocol)]
    [InlineData("{\"type\":\"hello\",\"protocol\":1,\"customerId\":\"NOT A DNS LABEL\"}", RefusalReasons.UnknownCustomer)]
    public async Task BadFirstFrame_IsRefusedWithItsReason(string frame, string reason)
    {
        await using var device = await ConnectAsync();

        await device.SendRawAsync(frame);

        var (type, json) = await device.ReceiveAsync(Wait);
        type.ShouldBe(MessageTypes.Refused, json);
        JsonSerializer.Deserialize(json, ProtocolJson.Default.RefusedMessage)!.Reason.ShouldBe(reason);
        await device.Closed.WaitAsync(Wait);
    }

    [Fact]
    public async Task SocketThatSaysNothing_IsRefusedAfterTheHelloTimeout()
    {
        await using var device = await ConnectAsync();

        var (type, json) = await device.ReceiveAsync(TimeSpan.FromSeconds(15));

        type.ShouldBe(MessageTypes.Refused);
        json.ShouldContain(RefusalReasons.HelloTimeout);
    }

    [Theory]
    [InlineData("device", "/com/signin")]
    [InlineData("device", "/com/api/customers/abc")]
    [InlineData("device", "/readyz")]
    [InlineData("web", "/cpe/link")]
    public async Task EachPort_ServesOnlyItsOwnEndpoints(string port, string path)
    {
        using var client = com.Silo.NewClient();
        var portNumber = port == "device" ? com.Silo.DevicePort : com.Silo.WebPort;

        var response = await client.GetAsync($"https://localhost:{portNumber}{path}");

        ((int)response.StatusCode).ShouldBe(404, $"the {port} port must not serve {path}: the device port faces the internet");
    }

    [Fact]
    public async Task StatusMessage_WithANullServer_GetsAnErrorAndTheLinkLives()
    {
        await using var device = await LinkedAsync("Customer sending a null server");

        await device.SendRawAsync("{\"type\":\"status\",\"servers\":[null]}");

        (await NextErrorAsync(device)).Code.ShouldBe(RefusalReasons.MalformedMessage);
        await device.SendRawAsync("{\"type\":\"teleport\"}");
        (await NextErrorAsync(device)).Code.ShouldBe(RefusalReasons.UnknownType);
    }

    [Fact]
    public async Task PlainHttpRequest_ToTheLinkPath_IsToldItIsForDevicesOnly()
    {
        using var client = com.Silo.NewClient();

        var response = await client.GetAsync($"https://localhost:{com.Silo.DevicePort}/cpe/link");

        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).ShouldContain("WebSocket links from customer systems only");
    }
}
