using System.Globalization;

namespace Com.Simulator;

/// <summary>Fleet-wide counts that devices update lock-free and the summary line reads.</summary>
internal sealed class FleetCounters
{
    private readonly int[] _byState = new int[Enum.GetValues<DeviceState>().Length];
    private long _alarmsSent;
    private long _alarmsAcked;
    private long _alarmsSuperseded;
    private long _unacknowledged;
    private string? _lastProblem;

    /// <summary>Starts with every device idle.</summary>
    public FleetCounters(int devices) => _byState[(int)DeviceState.Idle] = devices;

    /// <summary>Alarm messages raised or cleared, each counted once however often it is sent again.</summary>
    public long AlarmsSent => Interlocked.Read(ref _alarmsSent);

    public long AlarmsAcked => Interlocked.Read(ref _alarmsAcked);

    /// <summary>Alarm messages replaced, before COM acknowledged them, by a newer one about the same alarm.</summary>
    public long AlarmsSuperseded => Interlocked.Read(ref _alarmsSuperseded);

    /// <summary>Alarm messages COM has not acknowledged yet, across the fleet.</summary>
    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    public int Count(DeviceState state) => Volatile.Read(ref _byState[(int)state]);

    public void Move(DeviceState from, DeviceState to)
    {
        if (from == to)
            return;
        Interlocked.Decrement(ref _byState[(int)from]);
        Interlocked.Increment(ref _byState[(int)to]);
    }

    public void AlarmSent()
    {
        Interlocked.Increment(ref _alarmsSent);
        Interlocked.Increment(ref _unacknowledged);
    }

    /// <summary>An unacknowledged message was replaced by a newer one about the same alarm and will never be acknowledged.</summary>
    public void AlarmSuperseded()
    {
        Interlocked.Increment(ref _alarmsSuperseded);
        Interlocked.Decrement(ref _unacknowledged);
    }

    public void AlarmAcked()
    {
        Interlocked.Increment(ref _alarmsAcked);
        Interlocked.Decrement(ref _unacknowledged);
    }

    /// <summary>Remembers the latest connection problem; the summary shows it once rather than every device printing it.</summary>
    public void Problem(string description) => Volatile.Write(ref _lastProblem, description);

    public string? TakeProblem() => Interlocked.Exchange(ref _lastProblem, null);

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"connected={Count(DeviceState.Connected)} refused={Count(DeviceState.Refused)} connecting={Count(DeviceState.Connecting)} alarms-sent={AlarmsSent} alarms-acked={AlarmsAcked} unacked={Unacknowledged}");
}
