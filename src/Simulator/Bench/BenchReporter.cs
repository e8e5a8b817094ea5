namespace Com.Simulator;

/// <summary>Once a second: a line in the stats file, and the ledger once COM has acknowledged every alarm after the storm.</summary>
internal sealed class BenchReporter(StatsFile? stats, LedgerFile? ledger, FleetAlarms alarms, StormProgress storm, TextWriter log)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken ct)
    {
        if (stats is null && ledger is null)
            return;
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                Report();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run is stopping; FinishAfterStop writes the last lines.
        }
    }

    /// <summary>After the links are closed: the last stats line, and the ledger whatever is unacknowledged.</summary>
    public void FinishAfterStop()
    {
        stats?.WriteSecond(Second());
        WriteLedger(ledger => ledger.Write());
    }

    private void Report()
    {
        stats?.WriteSecond(Second());
        WriteLedger(ledger => ledger.WriteIfSettled(storm.Finished));
    }

    private SecondStats Second()
    {
        var counters = alarms.Counters;
        return new SecondStats(
            ProcessClock.Seconds,
            counters.Count(DeviceState.Connected),
            counters.Count(DeviceState.Refused),
            counters.Count(DeviceState.Connecting),
            counters.AlarmsSent,
            counters.AlarmsAcked,
            counters.AlarmsSuperseded,
            counters.Unacknowledged,
            CommandCounts.Of(counters),
            storm.Step,
            storm.Rate,
            alarms.Latencies.TakeSecond());
    }

    private void WriteLedger(Action<LedgerFile> write)
    {
        if (ledger is null)
            return;
        try
        {
            write(ledger);
        }
        catch (SimulatorException e)
        {
            // Tried again next second; the devices go on either way.
            log.WriteLine(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"--ledger: the ledger could not be replaced: {e.Message}");
        }
    }
}
