namespace Com.Simulator;

/// <summary>Runs every device of the fleet and prints the summary line until the run stops.</summary>
internal sealed class FleetRunner(
    FleetPlan plan, IReadOnlyDictionary<string, FleetEntry> fleet, DeviceEnvironment environment, int connectsPerSecond, BenchRun bench)
{
    private static readonly TimeSpan SummaryPeriod = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken ct)
    {
        var log = environment.Log;
        var silent = plan.Customers.Count(c => c.Fault == Fault.NeverConnect);
        log.WriteLine($"Playing {plan.Customers.Count - silent} customer systems against {string.Join(", ", environment.Links)}" +
                      (silent > 0 ? $" ({silent} more never connect)" : string.Empty) + "; Ctrl-C stops.");
        foreach (var (fault, count) in plan.Customers.Where(c => c.Fault != Fault.None).CountBy(c => c.Fault).OrderBy(f => f.Key))
            log.WriteLine($"  {FaultNames.NameOf(fault)}: {count}");
        foreach (var (fault, count) in environment.Commands.Faults.Values.CountBy(f => f).OrderBy(f => f.Key))
            log.WriteLine($"  on commands, {BackupFaults.NameOf(fault)}: {count}");

        var devices = plan.Customers
            .Select((customer, i) => RunDeviceAsync(new SimulatedDevice(customer, fleet[customer.Name], environment), StartDelay(i), ct))
            .ToList();
        var benchmark = bench.RunAsync(plan.Customers.Count(c => c.Fault.IsWelcomed()), ct);
        await PrintSummariesAsync(ct);
        await Task.WhenAll(devices);
        await benchmark;
        log.WriteLine(environment.Counters.Summary());
        bench.FinishAfterStop();
    }

    private async Task RunDeviceAsync(SimulatedDevice device, TimeSpan startDelay, CancellationToken ct)
    {
        try
        {
            await device.RunAsync(startDelay, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // One broken device must not end the run for the others; its trace says what to fix.
            environment.Log.WriteLine($"A device stopped unexpectedly: {e}");
        }
    }

    private async Task PrintSummariesAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(SummaryPeriod, ct);
                environment.Log.WriteLine(environment.Counters.Summary());
                if (environment.Refusals.TakeChangedBreakdown() is { } refusals)
                    environment.Log.WriteLine($"  refused devices by reason: {refusals}");
                if (environment.Counters.TakeProblem() is { } problem)
                    environment.Log.WriteLine($"  latest problem: {problem}");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            environment.Log.WriteLine("Stopping: closing every link ...");
        }
    }

    // Spreads the first connections so ten thousand TLS handshakes do not hit COM in the same second.
    private TimeSpan StartDelay(int index) =>
        TimeSpan.FromSeconds((index + Random.Shared.NextDouble()) / connectsPerSecond);
}
