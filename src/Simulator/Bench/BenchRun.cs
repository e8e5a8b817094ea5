namespace Com.Simulator;

/// <summary>What a benchmark harness asked for beside the fleet itself: the alarm storm, the stats file and the ledger.</summary>
internal sealed class BenchRun(StormRunner? storm, TimeSpan stormWait, BenchReporter reporter, TextWriter log)
{
    /// <summary>Runs until the stop; the storm waits for the <paramref name="expectedDevices"/> COM should welcome.</summary>
    public Task RunAsync(int expectedDevices, CancellationToken ct) =>
        Task.WhenAll(StormAsync(expectedDevices, ct), reporter.RunAsync(ct));

    public void FinishAfterStop() => reporter.FinishAfterStop();

    private async Task StormAsync(int expectedDevices, CancellationToken ct)
    {
        if (storm is null)
            return;
        try
        {
            await storm.RunAsync(expectedDevices, stormWait, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped mid-storm: the stats file shows how far it got.
        }
        catch (Exception e)
        {
            // The fleet goes on without the storm; the trace says what to fix.
            log.WriteLine($"The alarm storm stopped unexpectedly: {e}");
        }
    }
}
