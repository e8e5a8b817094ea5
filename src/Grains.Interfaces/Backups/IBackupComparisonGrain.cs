namespace Com.Grains.Interfaces.Backups;

/// <summary>
/// Compares the configurations of two backups of one system (SPEC BKP-4), secrets masked. A stateless worker: it runs on
/// the silo that asks, so the backups are read from the store there and only the rows shown travel.
/// </summary>
[Alias("com.IBackupComparisonGrain")]
public interface IBackupComparisonGrain : IGrainWithIntegerKey
{
    [Alias("Compare")]
    Task<BackupComparison> CompareAsync(string customerId, Guid older, Guid newer);
}

/// <summary>The side-by-side diff, collapsed around its changes, or the resource key of why there is none.</summary>
[GenerateSerializer, Immutable, Alias("com.BackupComparison")]
public sealed record BackupComparison(
    [property: Id(0)] CollapsedDiff? Diff,
    [property: Id(1)] int Changed,
    [property: Id(2)] int Added,
    [property: Id(3)] int Removed,
    [property: Id(4)] string? Problem = null)
{
    public static BackupComparison Refused(string problem) => new(null, 0, 0, 0, problem);
}
