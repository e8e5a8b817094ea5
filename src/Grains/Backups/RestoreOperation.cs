using Com.Grains.Commands;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Grains.Jobs;
using ProtocolCommands = Com.DeviceProtocol.Commands;

namespace Com.Grains.Backups;

/// <summary>
/// A restore of one backup onto its own system (SPEC BKP-4): immediate only, one system, a backup listed for it. The
/// device downloads the file, applies the chosen items and restarts.
/// </summary>
public sealed class RestoreOperation(CommandRun commands, IGrainFactory grains) : IJobOperation
{
    public string Name => ProtocolCommands.Restore;

    public string? Problem(JobDefinition definition) =>
        !definition.IsImmediate ? "RestoreNotSchedulable"
        : definition.Customers.Length != 1 ? "RestoreOneSystem"
        : definition.FileId is null ? "RestoreNeedsBackup"
        : BackupItems.Problem(definition.Items);

    public async Task<OperationOutcome> RunAsync(JobRun job, string customerId, CancellationToken cancellationToken)
    {
        var fileId = job.Definition.FileId!.Value;
        var backups = await grains.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(customerId)).ListAsync();
        if (backups.FirstOrDefault(b => b.FileId == fileId) is not { } backup)
            return OperationOutcome.Failure("the backup is not among this system's backups (it may have been pruned)");
        var items = job.Definition.Items is { Length: > 0 } asked ? asked : BackupItems.Default;
        if (items.Except(backup.Items, StringComparer.Ordinal).FirstOrDefault() is { } missing)
            return OperationOutcome.Failure($"the backup does not hold '{missing}'");
        var order = new CommandOrder(customerId, job.Id, ProtocolCommands.Restore, items, fileId);
        return await commands.RunAsync(job, customerId, new CommandPlan(CustomerAction.Restore, ActionOrigin.Job, _ => order), cancellationToken);
    }
}
