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
    private long _backupsSent;
    private long _backupsFailed;
    private long _restoresApplied;
    private long _restoresFailed;
    private long _commandsRejected;
    private long _commandsIgnored;

    /// <summary>Starts with every device idle.</summary>
    public FleetCounters(int devices) => _byState[(int)DeviceState.Idle] = devices;

    /// <summary>Alarm messages raised or cleared, each counted once however often it is sent again.</summary>
    public long AlarmsSent => Interlocked.Read(ref _alarmsSent);

    public long AlarmsAcked => Interlocked.Read(ref _alarmsAcked);

    /// <summary>Alarm messages replaced, before COM acknowledged them, by a newer one about the same alarm.</summary>
    public long AlarmsSuperseded => Interlocked.Read(ref _alarmsSuperseded);

    /// <summary>Alarm messages COM has not acknowledged yet, across the fleet.</summary>
    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    /// <summary>Backups uploaded and answered ok.</summary>
    public long BackupsSent => Interlocked.Read(ref _backupsSent);

    /// <summary>Backups that ended ok:false, injected faults included, or whose link ended first.</summary>
    public long BackupsFailed => Interlocked.Read(ref _backupsFailed);

    public long RestoresApplied => Interlocked.Read(ref _restoresApplied);

    public long RestoresFailed => Interlocked.Read(ref _restoresFailed);

    /// <summary>Commands answered ok:false without running: unknown, malformed, or while another ran.</summary>
    public long CommandsRejected => Interlocked.Read(ref _commandsRejected);

    /// <summary>Commands a <c>never-answer</c> device ignored.</summary>
    public long CommandsIgnored => Interlocked.Read(ref _commandsIgnored);

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

    public void BackupSent() => Interlocked.Increment(ref _backupsSent);

    public void BackupFailed() => Interlocked.Increment(ref _backupsFailed);

    public void RestoreApplied() => Interlocked.Increment(ref _restoresApplied);

    public void RestoreFailed() => Interlocked.Increment(ref _restoresFailed);

    public void CommandRejected() => Interlocked.Increment(ref _commandsRejected);

    public void CommandIgnored() => Interlocked.Increment(ref _commandsIgnored);

    /// <summary>Remembers the latest connection problem; the summary shows it once rather than every device printing it.</summary>
    public void Problem(string description) => Volatile.Write(ref _lastProblem, description);

    public string? TakeProblem() => Interlocked.Exchange(ref _lastProblem, null);

    /// <summary>The summary line; command counts are added once COM has sent a command, so alarm-only runs print what they always did.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"connected={Count(DeviceState.Connected)} refused={Count(DeviceState.Refused)} connecting={Count(DeviceState.Connecting)} alarms-sent={AlarmsSent} alarms-acked={AlarmsAcked} unacked={Unacknowledged}")
        + (AnyCommand ? CommandSummary() : string.Empty);

    private bool AnyCommand => BackupsSent + BackupsFailed + RestoresApplied + RestoresFailed + CommandsRejected + CommandsIgnored > 0;

    private string CommandSummary() => string.Create(CultureInfo.InvariantCulture,
        $" backups={BackupsSent} backups-failed={BackupsFailed} restores={RestoresApplied} restores-failed={RestoresFailed} commands-rejected={CommandsRejected} commands-ignored={CommandsIgnored}");
}
