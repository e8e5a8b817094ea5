namespace Com.Overview.Cluster;

/// <summary>Reads silo membership and runtime statistics from Orleans' management grain.</summary>
public sealed class ClusterOverviewService(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan RecentDeaths = TimeSpan.FromMinutes(15);

    public async Task<ClusterOverview> GetAsync()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active);
        var byAddress = active.Zip(statistics).ToDictionary(p => p.First, p => p.Second);
        var grainStatistics = active.Length == 0 ? [] : await management.GetSimpleGrainStatistics(active);

        // Dead silos stay in the membership table for days; only recent deaths are news to an operator.
        var recent = time.GetUtcNow().UtcDateTime - RecentDeaths;
        var silos = hosts
            .Where(h => h.Status != SiloStatus.Dead || h.IAmAliveTime > recent)
            .OrderBy(h => h.Status == SiloStatus.Dead)
            .ThenBy(h => h.SiloName, StringComparer.Ordinal)
            .Select(h =>
            {
                byAddress.TryGetValue(h.SiloAddress, out var s);
                return new SiloSummary(h.SiloName, h.SiloAddress.ToParsableString(), h.HostName, h.Status.ToString(), h.StartTime,
                    s?.ActivationCount ?? 0, s?.EnvironmentStatistics.FilteredCpuUsagePercentage, s?.EnvironmentStatistics.FilteredMemoryUsageBytes, s?.ReceivedMessages ?? 0, s?.IsOverloaded ?? false);
            })
            .ToList();

        var grainTypes = grainStatistics
            .GroupBy(g => g.GrainType)
            .Select(g => new GrainTypeSummary(g.Key, g.Sum(x => x.ActivationCount)))
            .OrderByDescending(g => g.Activations)
            .ToList();

        return new ClusterOverview(time.GetUtcNow().UtcDateTime, silos, grainTypes);
    }
}
