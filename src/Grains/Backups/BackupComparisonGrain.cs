using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Storage.Files;
using Orleans.Concurrency;

namespace Com.Grains.Backups;

/// <summary>See <see cref="IBackupComparisonGrain"/>. Who may see the customer is checked by the caller, the web front.</summary>
[StatelessWorker]
public sealed class BackupComparisonGrain(IFileStore files) : Grain, IBackupComparisonGrain
{
    public async Task<BackupComparison> CompareAsync(string customerId, Guid older, Guid newer)
    {
        var listed = await GrainFactory.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(customerId)).ListAsync();
        if (!listed.Any(b => b.FileId == older) || !listed.Any(b => b.FileId == newer))
            return BackupComparison.Refused("BackupNotFound");
        string? left, right;
        try
        {
            left = await ConfigurationOfAsync(older);
            right = await ConfigurationOfAsync(newer);
        }
        catch (InvalidDataException)
        {
            return BackupComparison.Refused("BackupConfigurationTooLarge");
        }
        if (left is null || right is null)
            return BackupComparison.Refused("BackupHasNoConfiguration");
        var diff = ConfigurationDiff.Compare(left, right);
        return new BackupComparison(diff.Collapse(), diff.Changed, diff.Added, diff.Removed);
    }

    private async Task<string?> ConfigurationOfAsync(Guid fileId)
    {
        await using var content = await files.OpenReadAsync(fileId);
        return await BackupArchive.ReadConfigurationAsync(content);
    }
}
