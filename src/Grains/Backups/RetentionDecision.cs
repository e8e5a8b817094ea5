namespace Com.Grains.Backups;

/// <summary>What <see cref="BackupRetention"/> decided for one system's backups; each list newest first.</summary>
public sealed record RetentionDecision(IReadOnlyList<BackupVersion> Keep, IReadOnlyList<BackupVersion> Prune);
