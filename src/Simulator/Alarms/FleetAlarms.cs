namespace Com.Simulator;

/// <summary>Every device's alarm outbox, which devices are linked, and the ack latencies: what the storm and the bench files read.</summary>
internal sealed class FleetAlarms
{
    private readonly AlarmOutbox[] _outboxes;

    public FleetAlarms(int devices, FleetCounters counters)
    {
        Counters = counters;
        _outboxes = Enumerable.Range(0, devices).Select(i => new AlarmOutbox(i, counters, Latencies)).ToArray();
        Connected = new ConnectedDevices(devices);
    }

    public FleetCounters Counters { get; }

    public AckLatencyRecorder Latencies { get; } = new();

    public ConnectedDevices Connected { get; }

    /// <summary>The outbox of the device with this index in the fleet plan.</summary>
    public AlarmOutbox Outbox(int device) => _outboxes[device];
}
