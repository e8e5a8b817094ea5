using Com.Grains.Interfaces.Customers;

namespace Com.Silo.Devices;

/// <summary>
/// When a silo dies, its sockets die with it. Devices normally reconnect elsewhere at once; those that do not would stay
/// green in lists, because nobody is left to report their links lost. The oldest active silo reports them.
/// </summary>
public sealed partial class DeadSiloLinkSweeper(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<DeadSiloLinkSweeper> logger) : BackgroundService
{
    private readonly HashSet<SiloAddress> swept = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
        {
            if (!IsOldestActive(snapshot))
                continue;
            foreach (var silo in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && !swept.Contains(m.SiloAddress)).ToList())
                if (await SweepAsync(silo.SiloAddress.ToParsableString()))
                    swept.Add(silo.SiloAddress);
        }
    }

    // One silo sweeps, so a death costs one pass, not one per survivor.
    private bool IsOldestActive(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active)
            .OrderBy(m => m.SiloAddress.Generation).ThenBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault()?.SiloAddress.Equals(local.SiloAddress) == true;

    private async Task<bool> SweepAsync(string silo)
    {
        try
        {
            var orphans = await grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key).LinkedThroughAsync(silo);
            var now = time.GetUtcNow();
            await Task.WhenAll(orphans.Select(c =>
                grains.GetGrain<ICustomerGrain>(CustomerIds.GrainKey(c.Id)).LinkLostAsync(c.Link!.LinkId, now)));
            LogSwept(silo, orphans.Length);
            return true;
        }
        catch (Exception e) when (DeviceConnection.IsClusterTrouble(e))
        {
            LogSweepFailed(silo, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} died holding {Count} device links; they are reported lost")]
    private partial void LogSwept(string silo, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report the device links of dead silo {Silo}: {Reason}")]
    private partial void LogSweepFailed(string silo, string reason);
}
