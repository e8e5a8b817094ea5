namespace Com.Simulator;

/// <summary>
/// Which "day" a configuration is in: the number of whole change periods since the Unix epoch. Counting from the
/// epoch rather than from the process start lets two runs, and COM's tests, agree on what a system runs now.
/// </summary>
internal sealed class ConfigurationClock
{
    private readonly TimeProvider _time;
    private readonly long _periodSeconds;

    public ConfigurationClock(TimeProvider time, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.FromSeconds(1));
        _time = time;
        _periodSeconds = (long)period.TotalSeconds;
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public long Generation() => Math.Max(0, _time.GetUtcNow().ToUnixTimeSeconds()) / _periodSeconds;
}
