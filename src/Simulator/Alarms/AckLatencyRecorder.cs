namespace Com.Simulator;

/// <summary>
/// Collects ack latencies for the stats file: all acks per second, and the storm's acks per storm step.
/// Plain lists are cheap enough: a step of 20,000 acks a second for 30 s holds 600,000 doubles.
/// </summary>
internal sealed class AckLatencyRecorder
{
    private readonly Lock _lock = new();
    private List<double> _second = [];
    private List<double>? _step;

    public void Record(double milliseconds, bool fromStorm)
    {
        lock (_lock)
        {
            _second.Add(milliseconds);
            if (fromStorm)
                _step?.Add(milliseconds);
        }
    }

    /// <summary>The acks since the previous call.</summary>
    public LatencySummary TakeSecond()
    {
        List<double> taken;
        lock (_lock)
        {
            taken = _second;
            _second = new List<double>(taken.Count);
        }
        return LatencySummary.Of(taken);
    }

    public void BeginStep()
    {
        lock (_lock)
            _step = [];
    }

    /// <summary>The storm acks since <see cref="BeginStep"/>.</summary>
    public LatencySummary EndStep()
    {
        List<double> taken;
        lock (_lock)
        {
            taken = _step ?? [];
            _step = null;
        }
        return LatencySummary.Of(taken);
    }
}
