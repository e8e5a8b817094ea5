using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Grains.Jobs;
using ProtocolCommands = Com.DeviceProtocol.Commands;

namespace Com.Grains.Backups;

/// <summary>A user's backup job on one system (SPEC BKP-2): the items the user chose, kept as a manual version.</summary>
public sealed class BackupOperation(SystemBackup backup) : IJobOperation
{
    public string Name => ProtocolCommands.Backup;

    public string? Problem(JobDefinition definition) => BackupItems.Problem(definition.Items);

    public Task<OperationOutcome> RunAsync(JobRun job, string customerId, CancellationToken cancellationToken)
    {
        var items = job.Definition.Items is { Length: > 0 } asked ? asked : BackupItems.Default;
        return backup.RunAsync(job, customerId, new BackupRequest(BackupKind.Manual, ActionOrigin.Job, _ => items, null), cancellationToken);
    }
}

/// <summary>
/// The nightly backup of one system (SPEC BKP-3): what it holds follows the system's profile, it is kept as an
/// automatic version whose days count in the system's zone, and a system busy with another action is skipped.
/// </summary>
public sealed class AutomaticBackupOperation(SystemBackup backup) : IJobOperation
{
    public const string OperationName = "automatic-backup";

    public string Name => OperationName;

    public string? Problem(JobDefinition definition) => definition.Window is null ? "JobWindowMissing" : null;

    public Task<OperationOutcome> RunAsync(JobRun job, string customerId, CancellationToken cancellationToken)
    {
        var zone = job.Definition.Window?.TimeZone;
        return backup.RunAsync(job, customerId, new BackupRequest(BackupKind.Automatic, ActionOrigin.AutomaticBackup, BackupItems.AutomaticFor, zone), cancellationToken);
    }
}
