using System.Diagnostics;

namespace Com.Harness.Cluster;

/// <summary>
/// A machine of the benchmark: this one (loopback), or a network namespace standing in for a separate host, whose
/// processes are started through <c>ip netns exec</c> and reached on their own address.
/// </summary>
public sealed record BenchHost(string Name, string Address, string? Namespace = null)
{
    public static BenchHost Local(string name) => new(name, "127.0.0.1");

    public ProcessStartInfo Command(string program, IEnumerable<string> arguments)
    {
        var start = Namespace is null
            ? new ProcessStartInfo(program)
            : new ProcessStartInfo("ip") { ArgumentList = { "netns", "exec", Namespace, program } };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }
}

/// <summary>Where PostgreSQL, each silo and the simulator run.</summary>
public sealed record Topology(BenchHost Database, IReadOnlyList<BenchHost> Silos, BenchHost Simulator)
{
    public bool AcrossHosts => Database.Namespace is not null;

    public static Topology OneMachine(int silos) =>
        new(BenchHost.Local("pg"), [.. Enumerable.Range(1, silos).Select(i => BenchHost.Local($"silo{i}"))], BenchHost.Local("sim"));

    /// <summary>The namespaces <c>bench/netns.sh up</c> creates: one per role, joined by a bridge on 10.77.0.0/24.</summary>
    public static Topology Namespaces(int silos) => new(
        new BenchHost("pg", "10.77.0.10", "com-pg"),
        [.. Enumerable.Range(1, silos).Select(i => new BenchHost($"silo{i}", $"10.77.0.{10 + i}", $"com-silo{i}"))],
        new BenchHost("sim", "10.77.0.20", "com-sim"));
}
