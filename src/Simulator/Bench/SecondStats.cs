namespace Com.Simulator;

/// <summary>One line of the stats file: the fleet now, and the acks of the past second.</summary>
internal sealed record SecondStats(
    double Seconds,
    int Connected,
    int Refused,
    int Connecting,
    long AlarmsSent,
    long AlarmsAcked,
    long AlarmsSuperseded,
    long Unacked,
    CommandCounts Commands,
    int Step,
    double StepRate,
    LatencySummary Acks);

/// <summary>What devices did with COM's commands so far.</summary>
internal sealed record CommandCounts(long BackupsSent, long BackupsFailed, long RestoresApplied, long RestoresFailed, long Rejected, long Ignored)
{
    public static CommandCounts Of(FleetCounters counters) => new(
        counters.BackupsSent, counters.BackupsFailed, counters.RestoresApplied, counters.RestoresFailed, counters.CommandsRejected, counters.CommandsIgnored);
}
