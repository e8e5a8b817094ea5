namespace Com.Overview.Cluster;

/// <summary>One silo as the cluster page and <c>./com status</c> show it.</summary>
public sealed record SiloSummary(
    string Name,
    string Address,
    string HostName,
    string Status,
    DateTime StartedUtc,
    int Activations,
    float? CpuPercent,
    long? MemoryBytes,
    long ReceivedMessages,
    bool IsOverloaded)
{
    public bool IsActive => Status == "Active";

    public TimeSpan Uptime(DateTime nowUtc) => nowUtc - StartedUtc;
}

public sealed record GrainTypeSummary(string GrainType, int Activations);

/// <summary>A snapshot of the cluster; two snapshots give request rates.</summary>
public sealed record ClusterOverview(DateTime TakenUtc, IReadOnlyList<SiloSummary> Silos, IReadOnlyList<GrainTypeSummary> GrainTypes)
{
    /// <summary>Messages received per second by each silo since <paramref name="previous"/>, by silo address.</summary>
    public IReadOnlyDictionary<string, double> MessageRatesSince(ClusterOverview? previous)
    {
        var seconds = previous is null ? 0 : (TakenUtc - previous.TakenUtc).TotalSeconds;
        return Silos.ToDictionary(s => s.Address, s =>
        {
            var before = previous?.Silos.FirstOrDefault(p => p.Address == s.Address);
            return before is null || seconds <= 0 ? 0 : Math.Max(0, s.ReceivedMessages - before.ReceivedMessages) / seconds;
        });
    }
}
