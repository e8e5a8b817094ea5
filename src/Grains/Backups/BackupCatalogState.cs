using Com.Grains.Interfaces.Backups;

namespace Com.Grains.Backups;

[GenerateSerializer, Alias("com.BackupCatalogState")]
public sealed class BackupCatalogState
{
    [Id(0)] public List<BackupEntry> Backups { get; set; } = [];

    /// <summary>The system's IANA zone as the last nightly backup gave it; its days decide retention.</summary>
    [Id(1)] public string? TimeZone { get; set; }
}
