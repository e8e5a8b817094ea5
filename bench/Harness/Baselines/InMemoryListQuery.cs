using System.Diagnostics;
using Com.Grains.Interfaces.Customers;
using Com.Harness.Cluster;
using Com.Overview.Customers;

namespace Com.Harness.Baselines;

/// <summary>The physical-limit baseline for the directory query: the same query object run over a plain list in this process.</summary>
public static class InMemoryListQuery
{
    public static double P99Ms(IReadOnlyList<CustomerApi.Row> rows, IReadOnlyList<CustomerQuery> queries)
    {
        var list = rows.Select(r => new CustomerSummary(
            r.CustomerId, r.Name, r.SystemName,
            new Connectivity(Enum.Parse<TrafficLight>(r.Light, ignoreCase: true), Enum.Parse<ConnectivityCode>(r.Connectivity), DateTimeOffset.UnixEpoch),
            SystemProfile.Unknown, r.Version, r.Servers, r.OngoingAlarms, null, null)).ToList();
        var latencies = new List<double>();
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            _ = query.Run(list);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return Statistics.Percentile(latencies, 99);
    }
}
