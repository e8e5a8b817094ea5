namespace Com.Harness.Scenarios;

/// <summary>
/// What one fleet size runs: which scenarios, how many times, for how long. The customer list is timed
/// <c>ListSamples</c> times per measure after one warm-up; with <c>BrowserOptional</c> (smoke) a machine without
/// chromium skips it instead of failing.
/// </summary>
public sealed record BenchPlan(
    int Customers,
    bool ConnectStorm = true,
    bool SteadyState = true,
    bool AlarmStorm = true,
    bool Failover = true,
    bool CustomerList = true,
    bool Nightly = false,
    int Runs = 3,
    TimeSpan? Steady = null,
    TimeSpan? BaselineSteady = null,
    string StormSteps = "500:20,1000:20,2000:20,4000:20,8000:20",
    int FailoverRate = 300,
    int FailoverSeconds = 90,
    int ListSamples = 10,
    bool BrowserOptional = false)
{
    public TimeSpan SteadyDuration => Steady ?? TimeSpan.FromMinutes(5);

    public TimeSpan BaselineSteadyDuration => BaselineSteady ?? TimeSpan.FromMinutes(2);

    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    public bool KeepsFleetAfterStorm => SteadyState || AlarmStorm;
}
