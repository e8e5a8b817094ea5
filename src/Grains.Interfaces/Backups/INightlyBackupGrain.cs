namespace Com.Grains.Interfaces.Backups;

/// <summary>
/// Creates each night's automatic backup jobs (SPEC BKP-3): one per time zone whose 02:00–04:00 window is about to
/// open, over the systems of that zone whose remote upgrade/backup flag is on. One in the cluster: <see cref="Key"/>.
/// </summary>
[Alias("com.INightlyBackupGrain")]
public interface INightlyBackupGrain : IGrainWithStringKey
{
    public const string Key = "nightly";

    /// <summary>Makes sure the scheduler runs and stays woken by its reminder; every silo calls it when it starts.</summary>
    [Alias("Start")]
    Task StartAsync();
}
