using System.Diagnostics;
using System.Globalization;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// One device's alarm messages until COM acknowledges them. Like a real system it keeps them in the order
/// it raised them and sends them all again, same ids, first thing on its next link: COM may have lost any
/// of them with the link. It keeps only the newest message about each alarm, so whatever COM stored
/// before, sending them again always ends in the state the device has.
/// </summary>
internal sealed class AlarmOutbox(int deviceIndex, FleetCounters counters, AckLatencyRecorder latencies)
{
    // A cluster failing over answers with try-again-later; waiting a moment and sending once per burst keeps
    // a fleet of devices from answering each error with a resend that earns another error.
    private static readonly TimeSpan ResendAfterTrouble = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly List<PendingAlarm> _unacked = [];
    private DeviceClient? _link;
    private long _sequence;
    private int _open;
    private bool _resendScheduled;

    /// <summary>Alarms this device has raised and not cleared, whether COM has acknowledged them or not.</summary>
    public int OpenAlarms => Volatile.Read(ref _open);

    public int Unacknowledged
    {
        get
        {
            lock (_lock)
                return _unacked.Count;
        }
    }

    /// <summary>Gives the alarm its id and keeps it until acknowledged; the task is its send, already complete when no link is up.</summary>
    public Task Send(AlarmMessage alarm, bool fromStorm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        lock (_lock)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"a-{deviceIndex}-{++_sequence}");
            var pending = new PendingAlarm(alarm with { Id = id }, fromStorm, Stopwatch.GetTimestamp());
            // Sent again after this one was stored, an older message about the same alarm would put back a state the
            // device has left (a clear resent after the raise that followed it), so this one replaces it.
            for (var superseded = _unacked.RemoveAll(p => IsSameAlarm(p.Message, alarm)); superseded > 0; superseded--)
                counters.AlarmSuperseded();
            _unacked.Add(pending);
            _open += alarm.Ongoing ? 1 : -1;
            counters.AlarmSent();
            return _link is { } link ? SendNow(link, pending) : Task.CompletedTask;
        }
    }

    /// <summary>A link was welcomed: everything unacknowledged goes out again before anything new.</summary>
    public void Attach(DeviceClient link)
    {
        lock (_lock)
        {
            _link = link;
            SendAllUnacknowledged(link);
        }
    }

    public void Detach(DeviceClient link)
    {
        lock (_lock)
        {
            if (_link == link)
                _link = null;
        }
    }

    /// <summary>COM recorded the alarm; an id already acknowledged (an ack of a copy sent again) changes nothing.</summary>
    public void Acknowledge(string id)
    {
        var arrived = Stopwatch.GetTimestamp();
        PendingAlarm? acked = null;
        lock (_lock)
        {
            var index = _unacked.FindIndex(p => p.Message.Id == id);
            if (index >= 0)
            {
                acked = _unacked[index];
                _unacked.RemoveAt(index);
            }
        }
        if (acked is null)
            return;
        counters.AlarmAcked();
        latencies.Record(Stopwatch.GetElapsedTime(acked.SentAt, arrived).TotalMilliseconds, acked.FromStorm);
    }

    /// <summary>COM could not take a message on this link; which one it does not say, so all unacknowledged go again shortly.</summary>
    public void ResendSoon(DeviceClient link)
    {
        lock (_lock)
        {
            if (_resendScheduled || _link != link)
                return;
            _resendScheduled = true;
        }
        _ = ResendLaterAsync(link);
    }

    private async Task ResendLaterAsync(DeviceClient link)
    {
        await Task.Delay(ResendAfterTrouble);
        lock (_lock)
        {
            _resendScheduled = false;
            if (_link == link)
                SendAllUnacknowledged(link);
        }
    }

    private void SendAllUnacknowledged(DeviceClient link)
    {
        foreach (var pending in _unacked)
            SendObserver.Forget(SendNow(link, pending));
    }

    private static bool IsSameAlarm(AlarmMessage a, AlarmMessage b) =>
        a.Server == b.Server && a.Category == b.Category && a.Description == b.Description;

    private static Task SendNow(DeviceClient link, PendingAlarm pending)
    {
        pending.SentAt = Stopwatch.GetTimestamp();
        return link.SendAsync(pending.Message, ProtocolJson.Default.AlarmMessage, CancellationToken.None);
    }
}
