namespace Com.Simulator;

/// <summary>Which storm step is running, for the stats file; written by the storm, read once a second.</summary>
internal sealed class StormProgress
{
    public const int NoStep = -1;

    private int _step = NoStep;
    private double _rate;
    private volatile bool _finished;

    public StormProgress(bool planned) => _finished = !planned;

    public int Step => Volatile.Read(ref _step);

    public double Rate => Volatile.Read(ref _rate);

    /// <summary>The last step has ended, or no storm was asked for.</summary>
    public bool Finished => _finished;

    public void Begin(int step, double rate)
    {
        Volatile.Write(ref _rate, rate);
        Volatile.Write(ref _step, step);
    }

    public void End() => Begin(NoStep, 0);

    public void Finish()
    {
        End();
        _finished = true;
    }
}
