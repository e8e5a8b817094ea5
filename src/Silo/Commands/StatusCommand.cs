using System.Globalization;
using Com.WebFront;
using Com.Overview.Cluster;

namespace Com.Silo.Commands;

/// <summary><c>./com status</c>: joins the cluster as a client and prints silos, rates and activations.</summary>
public static class StatusCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var host = CommandClient.Build(args, services => services
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ClusterOverviewService>());
        if (!await CommandClient.TryStartAsync(host))
            return 1;

        var service = host.Services.GetRequiredService<ClusterOverviewService>();
        var first = await service.GetAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var second = await service.GetAsync();
        Print(second, second.MessageRatesSince(first));
        await host.StopAsync();
        return 0;
    }

    private static void Print(ClusterOverview overview, IReadOnlyDictionary<string, double> rates)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{"SILO",-24} {"ADDRESS",-28} {"STATUS",-12} {"UPTIME",-10} {"ACTIVATIONS",11} {"MSG/S",8} {"CPU",6} {"MEMORY",8}"));
        foreach (var s in overview.Silos)
        {
            var cpu = s.CpuPercent is { } p ? p.ToString("0", c) + "%" : "-";
            var memory = s.MemoryBytes is { } m ? Format.Bytes(m) : "-";
            Console.WriteLine(string.Create(c, $"{s.Name,-24} {s.Address,-28} {s.Status,-12} {Format.Duration(s.Uptime(overview.TakenUtc)),-10} {s.Activations,11} {rates.GetValueOrDefault(s.Address),8:0.0} {cpu,6} {memory,8}"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"{"GRAIN TYPE",-72} {"ACTIVATIONS",11}"));
        foreach (var g in overview.GrainTypes)
            Console.WriteLine(string.Create(c, $"{g.GrainType,-72} {g.Activations,11}"));
    }
}
