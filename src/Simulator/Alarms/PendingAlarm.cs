using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>An alarm message COM has not acknowledged yet, with when it last went out, for the ack latency.</summary>
internal sealed class PendingAlarm(AlarmMessage message, bool fromStorm, long sentAt)
{
    public AlarmMessage Message { get; } = message;

    public bool FromStorm { get; } = fromStorm;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of the latest send.</summary>
    public long SentAt { get; set; } = sentAt;
}
