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
    int Step,
    double StepRate,
    LatencySummary Acks);
