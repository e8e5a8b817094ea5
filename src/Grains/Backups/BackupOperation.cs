using Com.Grains.Commands;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Grains.Jobs;
using ProtocolCommands = Com.DeviceProtocol.Commands;

namespace Com.Grains.Backups;

/// <summary>A job's backup of one system (SPEC BKP-1): the device uploads it, and once stored it is listed in the system's versions.</summary>
public sealed class BackupOperation(CommandRun commands, IGrainFactory grains, TimeProvider time) : IJobOperation
{
    public string Name => ProtocolCommands.Backup;

    public string? Problem(JobDefinition definition) => BackupItems.Problem(definition.Items);

    public Task<OperationOutcome> RunAsync(JobRun job, string customerId, CancellationToken cancellationToken)
    {
        var items = job.Definition.Items is { Length: > 0 } asked ? asked : BackupItems.Default;
        var order = new CommandOrder(customerId, job.Id, ProtocolCommands.Backup, items);
        return commands.RunAsync(job, customerId, CustomerAction.Backup, order, view => ListAsync(view, job, customerId, items), cancellationToken);
    }

    private Task ListAsync(CommandView view, JobRun job, string customerId, string[] items)
    {
        var file = view.Upload ?? throw new InvalidOperationException("a backup succeeded without a stored file");
        var entry = new BackupEntry(file.FileId, time.GetUtcNow(), BackupKind.Manual, file.Length, file.Sha256, items, job.Id, job.Definition.Name);
        return grains.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(customerId)).AddAsync(entry);
    }
}
