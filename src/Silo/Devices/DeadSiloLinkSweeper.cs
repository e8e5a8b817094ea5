using Com.Grains.Interfaces.Customers;
using Com.Storage.Customers;

namespace Com.Silo.Devices;

/// <summary>
/// When a silo dies, its sockets die with it. Devices normally reconnect elsewhere at once; those that do not would stay
/// green in lists, because nobody is left to report their links lost. The oldest active silo reports them, a few at a
/// time: each report may activate a customer grain, and each activation reads PostgreSQL, whose connections are few.
/// The tunnels the dead silo relayed died too; their audit rows are ended with that reason.
/// </summary>
public sealed partial class DeadSiloLinkSweeper(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IGrainFactory grains,
    CustomerRowStore rows,
    Storage.RemoteSupport.TunnelSessionStore tunnels,
    TimeProvider time,
    ILogger<DeadSiloLinkSweeper> logger) : BackgroundService
{
    /// <summary>Customers reported at once; well below any silo's database pool.</summary>
    internal const int Parallelism = 8;

    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);
    private readonly HashSet<SiloAddress> swept = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WatchAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong, the silo stays up and the sweep starts over from the current membership.
                LogWatchFailed(e);
                await Task.Delay(RetryPause, time, stoppingToken);
            }
        }
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
        {
            // Swept silos stay swept; one that could not be swept is tried again at the next membership change or pass.
            while (IsOldestActive(snapshot) && Unswept(snapshot) is { Count: > 0 } dead)
            {
                foreach (var silo in dead)
                    if (await SweepAsync(silo.ToParsableString(), stoppingToken))
                        swept.Add(silo);
                if (Unswept(snapshot).Count > 0)
                    await Task.Delay(RetryPause, time, stoppingToken);
            }
        }
    }

    private List<SiloAddress> Unswept(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && !swept.Contains(m.SiloAddress)).Select(m => m.SiloAddress)];

    // One silo sweeps, so a death costs one pass, not one per survivor.
    private bool IsOldestActive(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active)
            .OrderBy(m => m.SiloAddress.Generation).ThenBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault()?.SiloAddress.Equals(local.SiloAddress) == true;

    private async Task<bool> SweepAsync(string silo, CancellationToken stoppingToken)
    {
        IReadOnlyList<LinkedCustomer> orphans;
        try
        {
            var ended = await tunnels.EndAllOfSiloAsync(silo, time.GetUtcNow(), "the silo relaying the tunnel stopped", stoppingToken);
            if (ended > 0)
                LogTunnelsEnded(silo, ended);
            orphans = await rows.LinkedThroughAsync(silo, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSweepFailed(e, silo);
            return false;
        }
        var now = time.GetUtcNow();
        var failed = 0;
        await Parallel.ForEachAsync(orphans, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken }, async (orphan, _) =>
        {
            try
            {
                await grains.GetGrain<ICustomerLinkGrain>(CustomerIds.GrainKey(orphan.CustomerId)).LinkLostAsync(orphan.LinkId, now);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
                LogReportFailed(e, orphan.CustomerId, silo);
            }
        });
        // Customers whose report failed are logged above; each finds its link gone when its grain next activates.
        LogSwept(silo, orphans.Count - failed, failed);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} died holding device links: {Reported} reported lost, {Failed} failed")]
    private partial void LogSwept(string silo, int reported, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} died relaying {Count} tunnels; their audit rows are ended")]
    private partial void LogTunnelsEnded(string silo, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read which device links dead silo {Silo} held")]
    private partial void LogSweepFailed(Exception exception, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report the link of customer {CustomerId} lost with silo {Silo}")]
    private partial void LogReportFailed(Exception exception, string customerId, string silo);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching for dead silos failed; starting over")]
    private partial void LogWatchFailed(Exception exception);
}
