namespace Com.Grains.Interfaces.Backups;

/// <summary>
/// The backups kept for one customer system, newest first, pruned by the retention rules (SPEC BKP-2, BKP-3) each time
/// one is added. Key: <c>CustomerIds.GrainKey</c> of the customer. The files themselves are in the file store; this
/// grain only lists them, so a file that failed to upload is never listed.
/// </summary>
[Alias("com.IBackupCatalogGrain")]
public interface IBackupCatalogGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<BackupEntry[]> ListAsync();

    /// <summary>
    /// Lists a backup whose file is stored, then deletes from the store the backups retention no longer keeps. Retention
    /// counts days in <paramref name="systemZone"/> (IANA); when null, in the zone last given, else COM's own.
    /// </summary>
    [Alias("Add")]
    Task AddAsync(BackupEntry entry, string? systemZone = null);
}
