using System.Net.WebSockets;
using System.Text.Json;
using Com.DeviceProtocol;
using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;

namespace Com.Silo.Devices;

/// <summary>Reads a linked device's messages until the socket ends, answering mistakes with an error rather than a crash.</summary>
internal sealed class DeviceMessageLoop(DeviceConnection connection, WebSocket socket, ICustomerLinkGrain customer, Guid linkId)
{
    // A device that keeps sending garbage is broken or hostile; after this many errors in a row it is dropped.
    private const int MaxConsecutiveErrors = 20;
    // A result's detail is shown to users as a job's reason; a device must not fill the page.
    private const int MaxDetailLength = 512;
    private int errors;

    public async Task RunAsync(CancellationToken aborted)
    {
        while (!aborted.IsCancellationRequested)
        {
            FrameReader.Frame frame;
            try
            {
                frame = await FrameReader.ReadAsync(socket, aborted);
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
            {
                return;
            }
            switch (frame.Kind)
            {
                case FrameReader.Kind.Closed:
                    await connection.CloseSocketAsync(WebSocketCloseStatus.NormalClosure, "bye");
                    return;
                case FrameReader.Kind.TooLarge:
                    await connection.RefuseAsync(null, RefusalReasons.FrameTooLarge, $"the message is too large: frames are limited to {ProtocolLimits.MaxTextFrameBytes} bytes");
                    return;
                case FrameReader.Kind.Binary:
                    await ErrorAsync(null, RefusalReasons.TunnelNotOpen, "binary frames carry tunnel data, and no tunnel is open");
                    break;
                default:
                    try
                    {
                        await DispatchAsync(frame.Text);
                    }
                    catch (Exception e) when (DeviceConnection.IsClusterTrouble(e))
                    {
                        // The link is fine; the cluster is failing over. The device may send the message again.
                        connection.LogMessageDuringTrouble(e, connection.CustomerId ?? "?");
                        await connection.SendAsync(new ErrorMessage(null, RefusalReasons.TryAgainLater, "COM could not take this message right now"), ProtocolJson.Default.ErrorMessage);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A fault in COM: the link stays, the device keeps the unacknowledged message, the operators see the bug.
                        connection.LogMessageFault(e, connection.CustomerId ?? "?");
                        await connection.SendAsync(new ErrorMessage(null, RefusalReasons.InternalError, "COM failed to handle this message; the fault is logged"), ProtocolJson.Default.ErrorMessage);
                    }
                    break;
            }
            if (errors >= MaxConsecutiveErrors)
            {
                await connection.RefuseAsync(null, RefusalReasons.ProtocolError, "too many bad messages in a row");
                return;
            }
        }
    }

    private async Task DispatchAsync(string json)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(json, ProtocolJson.Default.Envelope);
        }
        catch (JsonException)
        {
            await ErrorAsync(null, RefusalReasons.MalformedMessage, "not a JSON message");
            return;
        }
        switch (envelope?.Type)
        {
            case MessageTypes.Heartbeat:
                errors = 0;
                return;
            case MessageTypes.Status when Parse(json, ProtocolJson.Default.StatusMessage) is { } status
                                          && HelloReader.ServersAreValid(status.Servers) && IsValidId(status.Id):
                errors = 0;
                await AckAsync(status.Id, await customer.ReportServersAsync(linkId, [.. status.Servers.Select(WireNames.Server)]));
                return;
            case MessageTypes.Alarm when Parse(json, ProtocolJson.Default.AlarmMessage) is { } alarm && Report(alarm) is { } report:
                errors = 0;
                await AckAsync(alarm.Id, await customer.ReportAlarmAsync(linkId, report));
                return;
            case MessageTypes.Progress when Parse(json, ProtocolJson.Default.ProgressMessage) is { } progress && CommandOf(progress.Id) is { } command
                                            && progress.Server is { Length: > 0 and <= 64 } && !progress.Server.Any(char.IsControl)
                                            && progress.Percent is >= 0 and <= 100:
                errors = 0;
                await Command(command).ReportProgressAsync(connection.CustomerId!, progress.Server, progress.Percent);
                return;
            case MessageTypes.Result when Parse(json, ProtocolJson.Default.ResultMessage) is { } result && CommandOf(result.Id) is { } command
                                          && result.Detail is null or { Length: <= MaxDetailLength }:
                errors = 0;
                await Command(command).ReportResultAsync(connection.CustomerId!, result.Ok, result.Detail);
                connection.CommandAnswered(command);
                return;
            case MessageTypes.Progress or MessageTypes.Result:
                await ErrorAsync(envelope.Id, RefusalReasons.MalformedMessage, $"the {envelope.Type} message is missing fields, has bad values or names a command not sent on this link");
                return;
            case MessageTypes.Status or MessageTypes.Alarm:
                await ErrorAsync(envelope.Id, RefusalReasons.MalformedMessage, $"the {envelope.Type} message is missing fields or has bad values");
                return;
            default:
                await ErrorAsync(envelope?.Id, RefusalReasons.UnknownType, $"unknown message type '{envelope?.Type}'");
                return;
        }
    }

    /// <summary>The command an answer names, when it is one this link carried: a device cannot answer for another.</summary>
    private Guid? CommandOf(string? id) =>
        Guid.TryParseExact(id, "N", out var commandId) && connection.SentCommand(commandId) ? commandId : null;

    private IDeviceCommandGrain Command(Guid id) => connection.Grains.GetGrain<IDeviceCommandGrain>(id);

    private static T? Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>Acknowledges a message that asked for it, once its customer grain has stored it.</summary>
    private Task AckAsync(string? id, bool stored) =>
        id is null || !stored ? Task.CompletedTask : connection.SendAsync(new AckMessage(id), ProtocolJson.Default.AckMessage);

    // Ids come back in acks; a bound keeps a device from making COM echo large strings.
    private static bool IsValidId(string? id) => id is null or { Length: > 0 and <= ProtocolLimits.MaxMessageIdLength };

    /// <summary>The alarm as COM's types, or null when a field is missing or out of range.</summary>
    private static AlarmReport? Report(AlarmMessage a) =>
        IsValidId(a.Id) && a.Server is { Length: > 0 and <= 64 } && a.Description is { Length: > 0 and <= 512 }
        && !a.Server.Any(char.IsControl) && WireNames.Severity(a.Severity) is { } severity && WireNames.Category(a.Category) is { } category
            ? new AlarmReport(new AlarmKey(a.Server, category, a.Description), severity, a.Ongoing)
            : null;

    private Task ErrorAsync(string? id, string code, string message)
    {
        errors++;
        return connection.SendAsync(new ErrorMessage(id, code, message), ProtocolJson.Default.ErrorMessage);
    }
}
