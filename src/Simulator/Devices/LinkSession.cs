using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// What a device does on one welcomed link: heartbeats, alarms, its fault's behaviour, COM's commands, and reading
/// whatever COM sends. It returns when the link ends, after a normal close when the run stops, or after a restore
/// (the device restarts: it closes the link and links again with the restored configuration).
/// </summary>
internal sealed class LinkSession(
    CustomerPlan customer,
    DeviceNetwork network,
    AlarmSource? alarms,
    AlarmOutbox outbox,
    DeviceEnvironment environment,
    DeviceConfiguration configuration,
    Uri link)
{
    private static readonly HeartbeatMessage Heartbeat = new();
    private static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(30);
    // Keeps an absurd server value within Task.Delay's range.
    private const int MaxHeartbeatSeconds = 3600;

    public async Task RunAsync(DeviceClient client, WelcomeMessage welcome, CancellationToken ct)
    {
        // Loops wait on this token but never cancel a send with it: cancelling a send aborts the socket,
        // which would turn a clean shutdown into a dropped link.
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var commands = new CommandDesk(
            new CommandContext(customer, client, link, configuration, network.Servers.Select(s => s.Name).ToList(), environment.Commands),
            environment.Counters);
        await using var stopCommands = commands;
        var heartbeat = welcome.HeartbeatSeconds > 0 ? TimeSpan.FromSeconds(Math.Min(welcome.HeartbeatSeconds, MaxHeartbeatSeconds)) : DefaultHeartbeat;
        var tunnels = new TunnelDesk(customer, environment, ct);
        var enders = new List<Task> { ReadAsync(client, commands, tunnels, session.Token), HeartbeatsAsync(client, heartbeat, session.Token), commands.RestartRequested };
        if (alarms is not null)
            enders.Add(alarms.RunAsync(outbox, network.Servers, session.Token));
        var flap = customer.Fault == Fault.Flapping ? Task.Delay(Between(20, 40), session.Token) : null;
        if (flap is not null)
            enders.Add(flap);
        var status = customer.Fault == Fault.OfflineServer ? ReportOfflineServerAsync(client, session.Token) : Task.CompletedTask;

        var ended = await Task.WhenAny(enders);
        if (ct.IsCancellationRequested || ended == commands.RestartRequested)
            await client.CloseAsync();
        else if (ended == flap && flap.IsCompletedSuccessfully)
            client.Abort();
        else
            Report(client);
        await session.CancelAsync();
        client.Abort();
        // The loops end by cancellation or by the abort; their exceptions only repeat that the link is gone.
        await Task.WhenAll(enders.Where(t => t != commands.RestartRequested).Append(status)).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
    }

    private async Task ReadAsync(DeviceClient client, CommandDesk commands, TunnelDesk tunnels, CancellationToken ct)
    {
        await foreach (var (type, json) in client.ReceiveAllAsync(ct))
        {
            if (type == MessageTypes.Ack && Parse(json, ProtocolJson.Default.AckMessage) is { Id: { } id })
                outbox.Acknowledge(id);
            else if (type == MessageTypes.Error)
                OnError(client, json);
            else if (type == MessageTypes.Command)
                commands.Receive(json);
            else if (type == MessageTypes.TunnelOpen)
                tunnels.Receive(json);
        }
    }

    private void OnError(DeviceClient client, string json)
    {
        if (Parse(json, ProtocolJson.Default.ErrorMessage)?.Code == RefusalReasons.TryAgainLater)
        {
            // COM is failing over and may have lost an alarm; during a storm thousands of these are expected.
            environment.Counters.Problem($"{customer.Name}: COM asked to try again later; sending unacknowledged alarms again");
            outbox.ResendSoon(client);
            return;
        }
        // Any other error answers a message COM cannot take; for the simulator that is a bug worth showing.
        environment.Log.WriteLine($"{customer.Name}: COM reported an error: {json}");
    }

    private static T? Parse<T>(string json, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task HeartbeatsAsync(DeviceClient client, TimeSpan period, CancellationToken ct)
    {
        while (true)
        {
            await Task.Delay(period, ct);
            await client.SendAsync(Heartbeat, ProtocolJson.Default.HeartbeatMessage, CancellationToken.None);
        }
    }

    /// <summary>A server goes down a little after the link is up, so COM sees the change arrive as a status.</summary>
    private async Task ReportOfflineServerAsync(DeviceClient client, CancellationToken ct)
    {
        if (!network.AllOnline)
            return;
        await Task.Delay(Between(2, 8), ct);
        if (network.TakeOneOffline())
            await client.SendAsync(new StatusMessage(null, network.Servers), ProtocolJson.Default.StatusMessage, CancellationToken.None);
    }

    private void Report(DeviceClient client)
    {
        if (client.CloseStatus is { } status)
            environment.Counters.Problem($"{customer.Name}: COM closed the link ({status} {client.CloseDescription})");
    }

    private static TimeSpan Between(int minSeconds, int maxSeconds) =>
        TimeSpan.FromSeconds(minSeconds + ((maxSeconds - minSeconds) * Random.Shared.NextDouble()));
}
