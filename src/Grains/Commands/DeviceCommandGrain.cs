using ProtocolCommands = Com.DeviceProtocol.Commands;
using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Commands;

/// <summary>One command to one system (see <see cref="IDeviceCommandGrain"/>).</summary>
public sealed partial class DeviceCommandGrain(
    [PersistentState("command", ComStorage.Default)] IPersistentState<CommandState> state,
    TimeProvider time,
    ILogger<DeviceCommandGrain> logger) : Grain, IDeviceCommandGrain
{
    private CommandState Command => state.State;

    private Guid Id => this.GetPrimaryKey();

    public async Task<CommandView> StartAsync(CommandOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (Command.Order is not null)
            return View();
        var (token, hash) = CommandToken.Create(Id);
        var path = $"{ProtocolCommands.FilesPath}/{token}";
        state.State = new CommandState
        {
            Order = order,
            Phase = CommandPhase.Sent,
            TokenHash = hash,
            LastHeardAt = time.GetUtcNow(),
        };
        // Stored before it is sent: the device may answer before this call returns.
        await state.WriteStateAsync();
        var command = new DeviceCommand(Id, order.Command, order.Items,
            order.Command == ProtocolCommands.Backup ? path : null,
            order.Command == ProtocolCommands.Restore ? path : null);
        var customer = GrainFactory.GetGrain<ICustomerActionsGrain>(CustomerIds.GrainKey(order.CustomerId));
        if (!await customer.SendCommandAsync(command))
            await FailAsync("the system is not linked to COM");
        else
            LogSent(Id, order.Command, order.CustomerId, order.JobId);
        return View();
    }

    public Task<CommandView?> GetAsync() => Task.FromResult(Command.Order is null ? null : View());

    public async Task<TransferGrant> OpenTransferAsync(string secret, TransferKind kind)
    {
        var refusal = Command.Order is not { } order ? "no such command"
            : Command.Phase != CommandPhase.Sent ? "the command has ended"
            : !CommandToken.Matches(secret, Command.TokenHash) ? "wrong token"
            : Command.TokenUsed ? "the token was already used"
            : kind != (order.Command == ProtocolCommands.Backup ? TransferKind.Upload : TransferKind.Download) ? $"this command takes no {kind.ToString().ToLowerInvariant()}"
            : null;
        if (refusal is not null)
        {
            LogTransferRefused(Id, kind, refusal);
            return TransferGrant.Refused(refusal);
        }
        Command.TokenUsed = true;
        Command.LastHeardAt = time.GetUtcNow();
        await state.WriteStateAsync();
        var o = Command.Order!;
        return new TransferGrant(null, o.CustomerId, $"backup-{o.CustomerId}-{time.GetUtcNow():yyyyMMdd-HHmmss}.tar", o.FileId);
    }

    public async Task<bool> UploadStoredAsync(StoredUpload upload)
    {
        if (Command.Phase != CommandPhase.Sent)
            return false;
        Command.Upload = upload;
        Command.LastHeardAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return true;
    }

    public async Task TransferBrokeAsync(string reason)
    {
        if (Command.Phase == CommandPhase.Sent)
            await FailAsync(reason);
    }

    public Task ReportProgressAsync(string customerId, string server, int percent)
    {
        if (Command.Order?.CustomerId == customerId && Command.Phase == CommandPhase.Sent)
        {
            // Progress is not stored: after a crash the next report tells it again, and the job only needs the latest.
            Command.Servers[server] = percent;
            Command.LastHeardAt = time.GetUtcNow();
        }
        return Task.CompletedTask;
    }

    public async Task ReportResultAsync(string customerId, bool ok, string? detail)
    {
        if (Command.Order is not { } order || order.CustomerId != customerId || Command.Phase != CommandPhase.Sent)
            return;
        if (!ok)
            await FailAsync(string.IsNullOrWhiteSpace(detail) ? "the system reported a failure without saying why" : $"the system reported: {detail}");
        else if (order.Command == ProtocolCommands.Backup && Command.Upload is null)
            await FailAsync("the system reported success but uploaded no backup");
        else if (order.Command == ProtocolCommands.Restore && !Command.TokenUsed)
            await FailAsync("the system reported success but never downloaded the backup");
        else
        {
            Command.Phase = CommandPhase.Succeeded;
            Command.LastHeardAt = time.GetUtcNow();
            foreach (var server in Command.Servers.Keys.ToList())
                Command.Servers[server] = 100;
            await state.WriteStateAsync();
            LogSucceeded(Id, order.Command, order.CustomerId);
        }
    }

    public async Task LinkLostAsync(string customerId)
    {
        if (Command.Order?.CustomerId == customerId && Command.Phase == CommandPhase.Sent)
            await FailAsync("the system's link to COM dropped before the command ended");
    }

    public async Task<CommandView> AbandonAsync(string reason)
    {
        if (Command.Phase == CommandPhase.Sent && Command.Order is not null)
            await FailAsync(reason);
        return View();
    }

    public async Task ForgetAsync()
    {
        if (Command.Order is null)
            return;
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    private async Task FailAsync(string reason)
    {
        Command.Phase = CommandPhase.Failed;
        Command.Reason = reason;
        await state.WriteStateAsync();
        LogFailed(Id, Command.Order!.Command, Command.Order.CustomerId, reason);
    }

    private CommandView View() => new(Command.Phase, Command.Reason,
        [.. Command.Servers.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ServerProgress(s.Key, s.Value))],
        Command.LastHeardAt, Command.Upload);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId}: {Command} sent to customer {CustomerId} for job {JobId}")]
    private partial void LogSent(Guid commandId, string command, string customerId, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId}: {Command} on customer {CustomerId} succeeded")]
    private partial void LogSucceeded(Guid commandId, string command, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId}: {Command} on customer {CustomerId} failed: {Reason}")]
    private partial void LogFailed(Guid commandId, string command, string customerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId}: {Kind} refused: {Reason}")]
    private partial void LogTransferRefused(Guid commandId, TransferKind kind, string reason);
}
