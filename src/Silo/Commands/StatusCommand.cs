using System.Diagnostics;
using Com.Grains.Interfaces.Customers;
using Com.Overview.Cluster;

namespace Com.Silo.Commands;

/// <summary><c>./com status</c>: joins the cluster as a client and prints silos, rates, activations and customers by light.</summary>
public static class StatusCommand
{
    // Long enough for a steady rate, short enough for an operator waiting at a prompt.
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        using var host = CommandClient.Build(args, services => services
            .AllowGrainCallCountReads()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ClusterOverviewService>());
        if (!await CommandClient.TryStartAsync(host))
            return 1;

        var grains = host.Services.GetRequiredService<IClusterClient>();
        var rates = await MeasureMessageRatesAsync(grains);
        var overview = await host.Services.GetRequiredService<ClusterOverviewService>().GetAsync();
        var lights = await ReadCustomerLightsAsync(grains);
        StatusTable.Print(overview, rates, lights);
        await host.StopAsync();
        return 0;
    }

    /// <summary>Grain calls received per second by each silo, by address; empty (printed as "-") when a silo does not answer.</summary>
    private static async Task<IReadOnlyDictionary<string, double>> MeasureMessageRatesAsync(IGrainFactory grains)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var before = await GrainCallCounting.ReadAsync(grains);
            var start = clock.Elapsed;
            await Task.Delay(RateWindow);
            var after = await GrainCallCounting.ReadAsync(grains);
            var seconds = (clock.Elapsed - start).TotalSeconds;
            return after.Where(a => before.ContainsKey(a.Key))
                .ToDictionary(a => a.Key, a => Math.Max(0, a.Value - before[a.Key]) / seconds);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"Message rates unavailable: {e.Message}");
            return new Dictionary<string, double>();
        }
    }

    /// <summary>Customers by traffic light, counted by the directory rather than downloaded row by row.</summary>
    private static async Task<CustomerLights> ReadCustomerLightsAsync(IGrainFactory grains)
    {
        var counts = await grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key).CountByLightAsync();
        return CustomerLights.Of(counts);
    }
}
