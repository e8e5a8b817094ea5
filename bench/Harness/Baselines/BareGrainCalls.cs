using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Com.Harness.Baselines;

/// <summary>A grain that keeps a set of ongoing alarm keys in memory: alarm ingest with nothing stored.</summary>
[Alias("com.bench.IBareAlarmGrain")]
public interface IBareAlarmGrain : IGrainWithIntegerKey
{
    [Alias("Report")]
    Task<bool> ReportAsync(string key, bool ongoing);
}

public sealed class BareAlarmGrain : Grain, IBareAlarmGrain
{
    private readonly HashSet<string> ongoing = [];

    public Task<bool> ReportAsync(string key, bool ongoing) => Task.FromResult(ongoing ? this.ongoing.Add(key) : this.ongoing.Remove(key));
}

/// <summary>
/// The physical-limit baseline for alarm ingest: a one-silo Orleans host in this process, one grain per device, every
/// device calling its grain in a loop; the figure is calls a second, what Orleans alone can carry on this machine.
/// </summary>
public static class BareGrainCalls
{
    public static async Task<(double CallsPerSecond, double P99Ms)> MeasureAsync(int devices, TimeSpan duration)
    {
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .UseOrleans(silo => silo.UseLocalhostClustering(siloPort: 22222, gatewayPort: 32222))
            .Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        // Warm-up activates every grain, so the measured loop pays for calls only.
        await Task.WhenAll(Enumerable.Range(0, devices).Select(i => grains.GetGrain<IBareAlarmGrain>(i).ReportAsync("warm", false)));
        long calls = 0;
        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, devices).Select(async i =>
        {
            var grain = grains.GetGrain<IBareAlarmGrain>(i);
            var sample = new List<double>();
            for (var n = 0; watch.Elapsed < duration; n++)
            {
                var started = Stopwatch.GetTimestamp();
                await grain.ReportAsync($"server|trunk|alarm {n % 4}", n % 2 == 0);
                sample.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            Interlocked.Add(ref calls, sample.Count);
            lock (latencies)
                latencies.AddRange(sample);
        }));
        var rate = calls / watch.Elapsed.TotalSeconds;
        await host.StopAsync();
        return (rate, Statistics.Percentile(latencies, 99));
    }
}
