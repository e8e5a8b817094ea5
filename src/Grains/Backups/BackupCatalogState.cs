using Com.Grains.Interfaces.Backups;

namespace Com.Grains.Backups;

[GenerateSerializer, Alias("com.BackupCatalogState")]
public sealed class BackupCatalogState
{
    [Id(0)] public List<BackupEntry> Backups { get; set; } = [];
}
