using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Com.DeviceProtocol;
using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;

namespace Com.Silo.Devices;

/// <summary>
/// One customer system's socket on this silo. It is the <see cref="IDeviceLink"/> its customer grain holds: the grain sends
/// through it, and device messages become grain calls. Heartbeats stop here and never reach a grain.
/// </summary>
public sealed partial class DeviceConnection(WebSocket socket, IGrainFactory grains, string silo, DeviceGatewaySettings settings, TimeProvider time, ILogger logger)
    : IDeviceLink, IDisposable
{
    private readonly SemaphoreSlim sending = new(1, 1);

    internal IGrainFactory Grains => grains;
    private readonly Guid linkId = Guid.NewGuid();
    // Commands sent on this link still waiting for their result: when the link ends they learn it at once.
    private readonly ConcurrentDictionary<Guid, byte> commandsAwaitingResult = new();

    public string? CustomerId { get; private set; }

    public async Task RunAsync(CancellationToken aborted)
    {
        // Cancelling a pending WebSocket receive aborts the socket, and the refusal could not be sent: race a delay instead.
        var reading = FrameReader.ReadAsync(socket, aborted);
        if (await Task.WhenAny(reading, Task.Delay(settings.HelloTimeout, time, aborted)) != reading)
        {
            // The pending read above still owns the socket's receiving side, so this refusal does not linger for the close.
            await RefuseAsync(null, RefusalReasons.HelloTimeout, $"no hello within {settings.HelloTimeout.TotalSeconds:0} s", lingerForClose: false);
            try
            {
                await reading;
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
            {
                // The socket ended after the refusal, as it should.
            }
            return;
        }
        var first = await reading;
        if (first.Kind == FrameReader.Kind.TooLarge)
        {
            await RefuseAsync(null, RefusalReasons.FrameTooLarge, $"the hello is too large: frames are limited to {ProtocolLimits.MaxTextFrameBytes} bytes");
            return;
        }
        if (first.Kind != FrameReader.Kind.Text)
        {
            await RefuseAsync(null, RefusalReasons.HelloExpected, "the first message must be a hello text frame");
            return;
        }

        var read = HelloReader.Read(first.Text, linkId);
        if (read.Hello is null)
        {
            if (read.CustomerId is not null && read.Refusal == RefusalReasons.ProtocolError)
                await ReportConnectionFailedAsync(read.CustomerId);
            await RefuseAsync(read.CustomerId, read.Refusal!, read.Problem!);
            return;
        }
        await LinkAsync(read.CustomerId!, read.Hello with { Silo = silo }, aborted);
    }

    private async Task LinkAsync(string customerId, LinkHello hello, CancellationToken aborted)
    {
        var customer = Customer(customerId);
        var reference = grains.CreateObjectReference<IDeviceLink>(this);
        try
        {
            LinkVerdict verdict;
            try
            {
                verdict = await customer.ConnectAsync(hello, reference);
            }
            catch (Exception e) when (IsClusterTrouble(e))
            {
                LogHelloDuringTrouble(e, customerId);
                await RefuseAsync(customerId, RefusalReasons.TryAgainLater, "COM cannot reach this customer's state right now; reconnect shortly");
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A fault in COM, not a failover: a quick retry would fail the same way, and the operators must see it.
                LogHelloFault(e, customerId);
                await RefuseAsync(customerId, RefusalReasons.InternalError, "COM failed to handle this hello; the fault is logged");
                return;
            }
            if (!verdict.Accepted)
            {
                await RefuseAsync(customerId, verdict.RefusalReason!, $"link refused: {verdict.Connectivity.Code}");
                return;
            }
            CustomerId = customerId;
            await SendAsync(new WelcomeMessage(null, ProtocolLimits.Version, linkId.ToString("N"), settings.HeartbeatSeconds, verdict.Connectivity.Code.ToString()),
                ProtocolJson.Default.WelcomeMessage);
            try
            {
                await new DeviceMessageLoop(this, socket, customer, linkId).RunAsync(aborted);
            }
            finally
            {
                await ReportLostAsync(customer);
                await ReportCommandsCutOffAsync(customerId);
            }
        }
        finally
        {
            grains.DeleteObjectReference<IDeviceLink>(reference);
        }
    }

    private async Task ReportConnectionFailedAsync(string customerId)
    {
        try
        {
            await Customer(customerId).ReportConnectionFailedAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Showing "connection failed" is a courtesy; the refusal that follows is what matters. Logged, whatever it was.
            LogConnectionFailedUnreported(e, customerId);
        }
    }

    /// <summary>
    /// Failures of the cluster rather than of the device or of COM's code: a silo dying, a call timing out, this silo
    /// shutting down, PostgreSQL unreachable for a moment. Anything else, an <see cref="InvalidOperationException"/> from a
    /// grain above all, is a bug: retrying will not help, and it must be logged rather than passed off as a failover.
    /// </summary>
    internal static bool IsClusterTrouble(Exception e) =>
        e is OrleansException or TimeoutException or ObjectDisposedException or System.Data.Common.DbException { IsTransient: true };

    private async Task ReportLostAsync(ICustomerLinkGrain customer)
    {
        try
        {
            await customer.LinkLostAsync(linkId, time.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // When the grain reactivates it asks this (closed) link whether it is open, and learns it is not.
            LogLossUnreported(e, CustomerId ?? "?");
        }
    }

    private async Task ReportCommandsCutOffAsync(string customerId)
    {
        foreach (var commandId in commandsAwaitingResult.Keys)
        {
            try
            {
                await grains.GetGrain<IDeviceCommandGrain>(commandId).LinkLostAsync(customerId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The command's job notices the silence and fails it after its timeout; the log says why it took that long.
                LogCommandCutOffUnreported(e, customerId, commandId);
            }
        }
    }

    /// <summary>The device answered a command: it no longer needs telling when the link ends.</summary>
    internal void CommandAnswered(Guid commandId) => commandsAwaitingResult.TryRemove(commandId, out _);

    internal bool SentCommand(Guid commandId) => commandsAwaitingResult.ContainsKey(commandId);

    private ICustomerLinkGrain Customer(string id) => grains.GetGrain<ICustomerLinkGrain>(CustomerIds.GrainKey(id));

    public Task<bool> IsOpenAsync(Guid linkId) => Task.FromResult(linkId == this.linkId && socket.State == WebSocketState.Open);

    public async Task CloseAsync(Guid linkId, string reason)
    {
        if (linkId != this.linkId)
            return;
        await SendAsync(new ErrorMessage(null, reason, "a newer link of this system took over"), ProtocolJson.Default.ErrorMessage);
        await CloseSocketAsync(WebSocketCloseStatus.PolicyViolation, reason);
    }

    public async Task<bool> SendCommandAsync(Guid linkId, DeviceCommand command)
    {
        if (linkId != this.linkId || socket.State != WebSocketState.Open)
            return false;
        commandsAwaitingResult[command.CommandId] = 0;
        var message = new CommandMessage(command.CommandId.ToString("N"), command.Command, command.Items, command.Upload, command.Download);
        await SendAsync(message, ProtocolJson.Default.CommandMessage);
        return socket.State == WebSocketState.Open;
    }

    public async Task<bool> OpenTunnelAsync(Guid linkId, Grains.Interfaces.RemoteSupport.TunnelOpening opening)
    {
        if (linkId != this.linkId || socket.State != WebSocketState.Open)
            return false;
        var message = new TunnelOpenMessage(opening.SessionId.ToString("N"), opening.Address, opening.Port, opening.Connect);
        await SendAsync(message, ProtocolJson.Default.TunnelOpenMessage);
        return socket.State == WebSocketState.Open;
    }

    /// <summary>Sends the refusal and closes; unless another read is pending, waits (briefly) for the device's close.</summary>
    internal async Task RefuseAsync(string? customerId, string reason, string message, bool lingerForClose = true)
    {
        LogRefused(customerId ?? "?", reason, message);
        await SendAsync(new RefusedMessage(null, reason, message), ProtocolJson.Default.RefusedMessage);
        await CloseSocketAsync(reason == RefusalReasons.FrameTooLarge ? WebSocketCloseStatus.MessageTooBig : WebSocketCloseStatus.PolicyViolation, reason);
        if (lingerForClose)
            await CloseDrain.AwaitPeerCloseAsync(socket, time);
    }

    internal async Task SendAsync<T>(T message, JsonTypeInfo<T> type)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, type);
        await sending.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // The device is gone; the read loop notices and reports the link lost.
        }
        finally
        {
            sending.Release();
        }
    }

    internal async Task CloseSocketAsync(WebSocketCloseStatus status, string reason)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(status, Encoding.UTF8.GetByteCount(reason) <= 120 ? reason : "closed", CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    public void Dispose() => sending.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell command {CommandId} of customer {CustomerId} that its link ended")]
    private partial void LogCommandCutOffUnreported(Exception exception, string customerId, Guid commandId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell customer {CustomerId} that its link ended")]
    private partial void LogLossUnreported(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not show customer {CustomerId} as connection failed")]
    private partial void LogConnectionFailedUnreported(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hello of customer {CustomerId} refused with try-again-later: the cluster could not take it")]
    private partial void LogHelloDuringTrouble(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hello of customer {CustomerId} failed inside COM; refused with internal-error")]
    private partial void LogHelloFault(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message of customer {CustomerId} answered with try-again-later: the cluster could not take it")]
    internal partial void LogMessageDuringTrouble(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message of customer {CustomerId} failed inside COM; answered with internal-error")]
    internal partial void LogMessageFault(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device link for {CustomerId} refused: {Reason} ({Detail})")]
    private partial void LogRefused(string customerId, string reason, string detail);
}
