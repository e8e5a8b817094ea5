using Com.Grains.Commands;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Jobs;
using ProtocolCommands = Com.DeviceProtocol.Commands;

namespace Com.Grains.Backups;

/// <summary>What a backup of one system asks for: how it is kept, who asks, its items by profile, the system's zone.</summary>
public sealed record BackupRequest(BackupKind Kind, ActionOrigin Origin, Func<SystemProfile, string[]> Items, string? SystemZone);

/// <summary>
/// Backs up one system under its action lock (SPEC BKP-1): the device uploads the archive, and once stored it is listed
/// in the system's versions, where retention runs.
/// </summary>
public sealed class SystemBackup(CommandRun commands, IGrainFactory grains, TimeProvider time)
{
    public Task<OperationOutcome> RunAsync(JobRun job, string customerId, BackupRequest request, CancellationToken cancellationToken)
    {
        string[] items = [];
        var plan = new CommandPlan(CustomerAction.Backup, request.Origin,
            profile =>
            {
                items = request.Items(profile);
                return new CommandOrder(customerId, job.Id, ProtocolCommands.Backup, items);
            },
            view => ListAsync(view, job, customerId, request, items));
        return commands.RunAsync(job, customerId, plan, cancellationToken);
    }

    private Task ListAsync(CommandView view, JobRun job, string customerId, BackupRequest request, string[] items)
    {
        var file = view.Upload ?? throw new InvalidOperationException("a backup succeeded without a stored file");
        var entry = new BackupEntry(file.FileId, time.GetUtcNow(), request.Kind, file.Length, file.Sha256, items, job.Id, job.Definition.Name);
        return grains.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(customerId)).AddAsync(entry, request.SystemZone);
    }
}
