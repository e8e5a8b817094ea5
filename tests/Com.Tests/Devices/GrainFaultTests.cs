using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Com.DeviceProtocol;
using Com.Grains.Interfaces.Customers;
using Com.Silo.Devices;
using Com.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Com.Tests.Devices;

/// <summary>Issue 15 item 4: a bug in a customer grain is logged with its stack trace and never passed off to the device as a failover.</summary>
[Trait("Category", "Cluster")]
public sealed class GrainFaultTests(GrainFaultCluster cluster) : IClassFixture<GrainFaultCluster>, IAsyncDisposable
{
    private const string Password = "Pbx-Secret-9";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly CapturingLogger log = new();
    private TcpClient? deviceEnd;
    private TcpClient? gatewayEnd;

    [Fact]
    public async Task ACustomerGrainMethodThatThrowsInvalidOperationException_IsLoggedWithItsStackTrace_AndIsNotReportedToTheDeviceAsTryAgainLater()
    {
        var (device, served) = await ServeAsync();

        await SendAsync(device, JsonSerializer.Serialize(Hellos.Healthy($"{GrainFaultCluster.HelloBugPrefix}{Guid.NewGuid():N}"[..24], Password), ProtocolJson.Default.HelloMessage));

        var (type, json) = await ReceiveAsync(device);
        type.ShouldBe(MessageTypes.Refused, json);
        var refused = JsonSerializer.Deserialize(json, ProtocolJson.Default.RefusedMessage)!;
        refused.Reason.ShouldNotBe(RefusalReasons.TryAgainLater, "a bug is not a failover: retrying at once would only fail again");
        refused.Reason.ShouldBe(RefusalReasons.InternalError);
        await served.WaitAsync(Wait);
        ShouldHaveLoggedThePlantedBug();
    }

    [Fact]
    public async Task AnAlarmThatHitsABugInTheCustomerGrain_IsAnsweredWithInternalError_AndTheLinkLives()
    {
        var id = $"{GrainFaultCluster.AlarmBugPrefix}{Guid.NewGuid():N}"[..24];
        await cluster.Cluster.Client.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id))
            .ProvisionAsync(new NewCustomer(new CustomerRecord(id, $"Alarm bug {id}", "COMAdmin", null, null, null, null), Password));
        var (device, _) = await ServeAsync();
        await SendAsync(device, JsonSerializer.Serialize(Hellos.Healthy(id, Password), ProtocolJson.Default.HelloMessage));
        var (answer, welcome) = await ReceiveAsync(device);
        answer.ShouldBe(MessageTypes.Welcome, welcome);

        await SendAsync(device, JsonSerializer.Serialize(new AlarmMessage("a-1", "primary", "major", "trunk", "Trunk 3 down", true), ProtocolJson.Default.AlarmMessage));

        var (type, json) = await ReceiveAsync(device);
        type.ShouldBe(MessageTypes.Error, json);
        JsonSerializer.Deserialize(json, ProtocolJson.Default.ErrorMessage)!.Code.ShouldBe(RefusalReasons.InternalError, json);
        ShouldHaveLoggedThePlantedBug();
        await SendAsync(device, "{\"type\":\"teleport\"}");
        JsonSerializer.Deserialize((await ReceiveAsync(device)).Json, ProtocolJson.Default.ErrorMessage)!.Code.ShouldBe(RefusalReasons.UnknownType, "the link must still be served");
    }

    [Theory]
    [InlineData(GrainFaultCluster.DatabaseDownPrefix, RefusalReasons.TryAgainLater, "57P01")]
    [InlineData(GrainFaultCluster.DatabaseBugPrefix, RefusalReasons.InternalError, "42P01")]
    public async Task AnAlarmThatMeetsADatabaseFailureInTheSilo_IsAnsweredByItsCause_TryAgainLaterOnlyWhenPostgreSqlIsUnreachable(
        string prefix, string expectedCode, string sqlState)
    {
        var id = $"{prefix}{Guid.NewGuid():N}"[..24];
        await cluster.Cluster.Client.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id))
            .ProvisionAsync(new NewCustomer(new CustomerRecord(id, $"Database failure {id}", "COMAdmin", null, null, null, null), Password));
        var (device, _) = await ServeAsync();
        await SendAsync(device, JsonSerializer.Serialize(Hellos.Healthy(id, Password), ProtocolJson.Default.HelloMessage));
        (await ReceiveAsync(device)).Type.ShouldBe(MessageTypes.Welcome);

        await SendAsync(device, JsonSerializer.Serialize(new AlarmMessage("a-1", "primary", "major", "trunk", "Trunk 4 down", true), ProtocolJson.Default.AlarmMessage));

        var (type, json) = await ReceiveAsync(device);
        type.ShouldBe(MessageTypes.Error, json);
        JsonSerializer.Deserialize(json, ProtocolJson.Default.ErrorMessage)!.Code.ShouldBe(expectedCode, json);
        // The exception crossed from the silo to the gateway readable, naming the database's SQL state (not a codec error).
        log.Entries.ShouldContain(e => e.Exception != null && e.Exception.Message.Contains(sqlState, StringComparison.Ordinal),
            $"logged: {string.Join(" | ", log.Entries.Select(e => $"{e.Message} {e.Exception?.GetType().Name}: {e.Exception?.Message}"))}");
    }

    private void ShouldHaveLoggedThePlantedBug()
    {
        var entries = log.Entries;
        var logged = entries.FirstOrDefault(e => e.Exception is InvalidOperationException { Message: GrainFaultCluster.PlantedMessage });
        logged.ShouldNotBeNull($"the bug must be logged with its exception; logged: {string.Join(" | ", entries.Select(e => e.Message))}");
        logged.Level.ShouldBe(LogLevel.Error, logged.Message);
        logged.Exception!.ToString().ShouldContain(" at ", Case.Sensitive, "the log must carry the stack trace");
    }

    /// <summary>A device socket and the gateway's end of it, served by a real <see cref="DeviceConnection"/> on the test cluster.</summary>
    private async Task<(WebSocket Device, Task Served)> ServeAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        deviceEnd = new TcpClient();
        var connecting = deviceEnd.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        gatewayEnd = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        await connecting;
        listener.Stop();
        var device = WebSocket.CreateFromStream(deviceEnd.GetStream(), new WebSocketCreationOptions { IsServer = false });
        var gateway = WebSocket.CreateFromStream(gatewayEnd.GetStream(), new WebSocketCreationOptions { IsServer = true });
        var connection = new DeviceConnection(gateway, cluster.Cluster.Client, cluster.Cluster.Primary!.SiloAddress.ToParsableString(), new DeviceGatewaySettings(), TimeProvider.System, log);
        return (device, connection.RunAsync(TestContext.Current.CancellationToken));
    }

    private static Task SendAsync(WebSocket device, string text) =>
        device.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    private static async Task<(string Type, string Json)> ReceiveAsync(WebSocket device)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Wait);
        var buffer = new byte[64 * 1024];
        var result = await device.ReceiveAsync(buffer, deadline.Token);
        result.MessageType.ShouldBe(WebSocketMessageType.Text, $"COM ended the link instead of answering ({device.CloseStatus} {device.CloseStatusDescription})");
        var json = Encoding.UTF8.GetString(buffer, 0, result.Count);
        return (JsonDocument.Parse(json).RootElement.GetProperty("type").GetString()!, json);
    }

    public ValueTask DisposeAsync()
    {
        deviceEnd?.Dispose();
        gatewayEnd?.Dispose();
        return ValueTask.CompletedTask;
    }
}
