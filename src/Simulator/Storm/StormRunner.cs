using System.Diagnostics;
using System.Globalization;

namespace Com.Simulator;

/// <summary>
/// Plays the alarm storm: waits for the fleet to be up, then runs each step's Poisson arrivals, sending each
/// event from a random linked device. It wakes every 10 ms and sends whatever fell due, so 20,000 events a
/// second cost a hundred wake-ups, not 20,000 timers.
/// </summary>
internal sealed class StormRunner
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FleetCheck = TimeSpan.FromMilliseconds(100);

    private readonly StormPlan _plan;
    private readonly FleetAlarms _alarms;
    private readonly StormProgress _progress;
    private readonly StatsFile? _stats;
    private readonly TextWriter _log;
    // One loop draws every event, so one generator without locking serves it.
    private readonly Random _random = new();
    private readonly StormAlarms _storm;

    public StormRunner(StormPlan plan, IReadOnlyList<CustomerPlan> customers, FleetAlarms alarms, StormProgress progress, StatsFile? stats, TextWriter log)
    {
        _plan = plan;
        _alarms = alarms;
        _progress = progress;
        _stats = stats;
        _log = log;
        _storm = new StormAlarms(customers, _random);
    }

    /// <summary>Starts once each of the <paramref name="expectedDevices"/> COM should welcome has been, or after <paramref name="longestWait"/>.</summary>
    public async Task RunAsync(int expectedDevices, TimeSpan longestWait, CancellationToken ct)
    {
        await WaitForFleetAsync(expectedDevices, longestWait, ct);
        using var timer = new PeriodicTimer(Tick);
        for (var index = 0; index < _plan.Steps.Count; index++)
            await RunStepAsync(index, _plan.Steps[index], timer, ct);
        _progress.Finish();
        _log.WriteLine("Storm: finished; heartbeats go on until the run stops.");
    }

    private async Task WaitForFleetAsync(int expectedDevices, TimeSpan longestWait, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (_alarms.Connected.WelcomedOnce < expectedDevices && waited.Elapsed < longestWait)
            await Task.Delay(FleetCheck, ct);
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Storm: starting with {_alarms.Connected.Count} of {expectedDevices} devices linked after {waited.Elapsed.TotalSeconds:0} s."));
    }

    private async Task RunStepAsync(int index, StormStep step, PeriodicTimer timer, CancellationToken ct)
    {
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Storm: step {index + 1} of {_plan.Steps.Count}: {step.RatePerSecond} alarm events a second for {step.Seconds} s."));
        _alarms.Latencies.BeginStep();
        _progress.Begin(index, step.RatePerSecond);
        var start = Stopwatch.GetTimestamp();
        var end = start + (step.Seconds * Stopwatch.Frequency);
        var arrivals = new PoissonArrivals(step.RatePerSecond, _random, start);
        long sent = 0;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            for (; arrivals.Next <= Math.Min(now, end); arrivals.Advance())
            {
                if (SendEvent())
                    sent++;
            }
            if (now >= end)
                break;
            await timer.WaitForNextTickAsync(ct);
        }
        _progress.End();
        var latencies = _alarms.Latencies.EndStep();
        _stats?.WriteStepEnd(new StepResult(index, step, sent, latencies, _alarms.Counters.Unacknowledged));
    }

    /// <summary>False when no device is linked to send it: the event is lost, as it would be for an unreachable fleet.</summary>
    private bool SendEvent()
    {
        if (!_alarms.Connected.TryPick(_random, out var device))
            return false;
        SendObserver.Forget(_alarms.Outbox(device).Send(_storm.NextEvent(device), fromStorm: true));
        return true;
    }
}
