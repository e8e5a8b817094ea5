namespace Com.Simulator;

/// <summary>What every device shares to answer COM's commands.</summary>
/// <param name="Files">The one HTTPS client of the fleet for uploads and downloads, trusting COM as the link does.</param>
/// <param name="Clock">Which configuration period it is.</param>
/// <param name="BackupSize">Pad backups to about this many bytes; null adds no padding.</param>
/// <param name="Faults">Command faults by customer index.</param>
/// <param name="TimeZone">The zone every system reports instead of its own, so a benchmark can place every night; null keeps each system's.</param>
internal sealed record CommandSettings(
    HttpClient Files,
    ConfigurationClock Clock,
    long? BackupSize,
    IReadOnlyDictionary<int, BackupFault> Faults,
    string? TimeZone = null)
{
    public BackupFault FaultOf(int customerIndex) => Faults.GetValueOrDefault(customerIndex);
}
