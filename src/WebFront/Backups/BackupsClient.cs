using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Overview.Customers;
using Com.WebFront.Accounts;
using Com.WebFront.Customers;

namespace Com.WebFront.Backups;

/// <summary>
/// The backup pages' door to the cluster, as the signed-in user. Jobs do not check who asked, so this does: the role's
/// capability, and that the user sees every customer named (SPEC ROLE-3).
/// </summary>
public sealed class BackupsClient(IGrainFactory grains, CurrentUser user, CustomersClient customers, CustomerDirectoryFeed directory, ClusterCalls calls)
{
    public const string BackupOperation = "backup";
    public const string RestoreOperation = "restore";

    /// <summary>Starts (or schedules) a backup job; returns its id, or the refusal's resource key.</summary>
    public Task<(Guid? JobId, string? Problem)> BackupAsync(string name, IReadOnlyCollection<string> customerIds, string[] items, DateTimeOffset? startAt) =>
        CreateAsync(Capability.Backup, new JobDefinition(name, BackupOperation, [.. customerIds], null!, startAt, items));

    /// <summary>Restores <paramref name="fileId"/> onto its own system, now.</summary>
    public Task<(Guid? JobId, string? Problem)> RestoreAsync(string customerId, Guid fileId, string[] items) =>
        CreateAsync(Capability.Restore, new JobDefinition($"Restore {customerId}", RestoreOperation, [customerId], null!, null, items, fileId));

    /// <summary>The customer's backups, newest first; empty when the user may not see the customer.</summary>
    public async Task<BackupEntry[]> ListAsync(string customerId) =>
        await customers.DetailsAsync(customerId) is null ? [] : await calls.ReadAsync(_ => Catalog(customerId).ListAsync(), Array.Empty<BackupEntry>());

    public async Task<BackupComparison> CompareAsync(string customerId, Guid older, Guid newer) =>
        await customers.DetailsAsync(customerId) is null
            ? BackupComparison.Refused("NotAllowed")
            : await calls.ReadAsync(_ => grains.GetGrain<IBackupComparisonGrain>(0).CompareAsync(customerId, older, newer),
                BackupComparison.Refused(ClusterCalls.TryAgainLater));

    private async Task<(Guid? JobId, string? Problem)> CreateAsync(Capability capability, JobDefinition definition)
    {
        if (await user.IsKioskAsync() || await user.ActorAsync() is not { } actor || !Permissions.Allows(actor.Role, capability))
            return (null, "NotAllowed");
        // Checked on this front's copy of the directory: a job over a thousand customers must not read each one's grain.
        var scope = await user.ScopeAsync();
        if (!scope.All && !definition.Customers.All(id => directory.Find(id) is { } row && scope.Includes(row)))
            return (null, "NotAllowed");
        var jobId = Guid.NewGuid();
        var problem = await calls.AttemptAsync(a => grains.GetGrain<IJobGrain>(jobId).CreateAsync(definition with { Creator = a }));
        return problem is null ? (jobId, null) : (null, problem);
    }

    private IBackupCatalogGrain Catalog(string customerId) => grains.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(customerId));
}
