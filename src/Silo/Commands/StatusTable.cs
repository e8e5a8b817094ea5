using System.Globalization;
using Com.WebFront;
using Com.Overview.Cluster;

namespace Com.Silo.Commands;

/// <summary>The text <c>./com status</c> prints.</summary>
internal static class StatusTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Print(ClusterOverview overview, IReadOnlyDictionary<string, double> rates, CustomerLights lights)
    {
        Console.WriteLine(string.Create(C, $"{"SILO",-24} {"ADDRESS",-28} {"STATUS",-12} {"UPTIME",-10} {"ACTIVATIONS",11} {"MSG/S",8} {"CPU",6} {"MEMORY",8}"));
        foreach (var s in overview.Silos)
        {
            var cpu = s.CpuPercent is { } p ? p.ToString("0", C) + "%" : "-";
            var memory = s.MemoryBytes is { } m ? Format.Bytes(m) : "-";
            // A dead silo has no uptime: counting on from its start would make it look alive.
            var uptime = s.Status == nameof(SiloStatus.Dead) ? "-" : Format.Duration(s.Uptime(overview.TakenUtc));
            var rate = rates.TryGetValue(s.Address, out var r) ? r.ToString("0.0", C) : "-";
            Console.WriteLine(string.Create(C, $"{s.Name,-24} {s.Address,-28} {s.Status,-12} {uptime,-10} {s.Activations,11} {rate,8} {cpu,6} {memory,8}"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(C, $"CUSTOMERS {lights.Total}: green {lights.Green}, orange {lights.Orange}, red {lights.Red}"));
        Console.WriteLine();
        Console.WriteLine(string.Create(C, $"{"GRAIN TYPE",-72} {"ACTIVATIONS",11}"));
        foreach (var g in overview.GrainTypes)
            Console.WriteLine(string.Create(C, $"{g.GrainType,-72} {g.Activations,11}"));
    }
}
