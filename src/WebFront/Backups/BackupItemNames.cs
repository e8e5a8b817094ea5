namespace Com.WebFront.Backups;

/// <summary>The item names backup jobs take (the grains' BackupItems checks them again).</summary>
public static class BackupItemNames
{
    public const string Configuration = "configuration";
    public const string MediaManager = "media-manager";
}
