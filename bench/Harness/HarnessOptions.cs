using System.Globalization;
using Com.Harness.Cluster;
using Com.Harness.Scenarios;

namespace Com.Harness;

/// <summary>The command line of <c>./com bench</c>: a scenario, and optionally fleet sizes and run counts.</summary>
public sealed record HarnessOptions
{
    public enum Placement { OneMachine, AcrossHosts, Both }

    public const string Usage = """
        Usage: ./com bench <scenario> [--customers 1000,10000] [--runs 3] [--steady-seconds 300] [--backup-size 1M] [--chunk-average 64K]

        Scenarios:
          all              every scenario at 1,000 and 10,000 customers, then connect storm and failover across hosts
          smoke            a small, quick run of every scale scenario and of backup-store (a check of the harness, not a measurement)
          connect-storm    every device connects from cold; also the bare-Kestrel baseline
          steady-state     heartbeats only: CPU, memory, PostgreSQL writes
          alarm-storm      rising alarm rates, with directory queries running (includes directory-query)
          directory-query  same run as alarm-storm
          failover         kill -9 of one silo of three under load
          across-hosts     connect storm and failover with PostgreSQL, each silo and the simulator in network namespaces
          customer-list    the customer list's first page in chromium, with the whole fleet linked: full load, menu, search
          provisioning     customers created through the API on a fresh cluster: the rate over the last 500 at each fleet size
          backup-store     30 nights of automatic backups into the file store, pruned and collected: growth over one night
                           (--customers is the number of systems, default 1000; --backup-size 256K,1M,4M; --chunk-average 64K)
          backup-stream    a 500 MB backup streamed through one silo by the nightly job: silo RSS and throughput against a raw COPY
                           (--backup-size 500M; --runs 3)
          nightly          every flagged system's nightly backup in a 2-hour window opening a minute after the fleet is linked
          tunnels          iperf3 through COM's remote-support proxy against direct, ssh -L and a two-hop stunnel chain (--runs 5);
                           memory per idle tunnel
        """;

    public string? Problem { get; init; }
    public string Scenario { get; init; } = "";
    public IReadOnlyList<int> Customers { get; init; } = [1000, 10000];
    public int RunCount { get; init; } = 3;
    public TimeSpan? Steady { get; init; }
    public Placement Placements { get; init; } = Placement.OneMachine;
    public bool Smoke => Scenario == "smoke";

    /// <summary>The backup scenarios run their own way, not per fleet size of the scale run (<see cref="Runs"/>).</summary>
    public bool Backups => Scenario is "backup-store" or "backup-stream";

    /// <summary>The tunnel benchmark runs its own way too, with one system.</summary>
    public bool Tunnels => Scenario is "tunnels";

    /// <summary>Backup archive sizes: each one a run of backup-store, or the size of backup-stream's backup.</summary>
    public IReadOnlyList<long> BackupSizes { get; init; } = [];

    /// <summary>backup-store with chunks of this average instead of the store's default (min a quarter, max four times).</summary>
    public int? ChunkAverage { get; init; }

    private bool CustomersGiven { get; init; }

    public string PlacementText => Placements switch
    {
        _ when Scenario == "backup-store" => "PostgreSQL and the harness (file store, retention and archive generator in process) on one machine",
        _ when Scenario == "backup-stream" => "PostgreSQL, one silo process and the simulator on one machine",
        _ when Scenario == "tunnels" => "PostgreSQL, one silo process, the simulator, iperf3, sshd, stunnel and proxytunnel on one machine, loopback",
        Placement.AcrossHosts => "PostgreSQL, 3 silos and the simulator each in its own network namespace (bench/netns.sh)",
        Placement.Both => "one machine, then the across-hosts rows in network namespaces (bench/netns.sh)",
        _ => "PostgreSQL, 3 silo processes and the simulator on one machine",
    };

    public static HarnessOptions Parse(string[] args)
    {
        if (args.Length == 0)
            return new HarnessOptions { Problem = "Which scenario?" };
        var options = new HarnessOptions { Scenario = args[0] };
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            options = (args[i], value) switch
            {
                ("--customers", { } v) when v.Split(',').All(n => int.TryParse(n, CultureInfo.InvariantCulture, out var c) && c is >= 10 and <= 100_000) =>
                    options with { Customers = [.. v.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))], CustomersGiven = true },
                ("--backup-size", { } v) when v.Split(',').All(n => ByteSize(n) is > 0) => options with { BackupSizes = [.. v.Split(',').Select(n => ByteSize(n)!.Value)] },
                ("--chunk-average", { } v) when ByteSize(v) is { } a && long.IsPow2(a) && a is >= 1024 and <= 16 << 20 => options with { ChunkAverage = (int)a },
                ("--runs", { } v) when int.TryParse(v, CultureInfo.InvariantCulture, out var r) && r is >= 1 and <= 20 => options with { RunCount = r },
                ("--steady-seconds", { } v) when int.TryParse(v, CultureInfo.InvariantCulture, out var s) && s is >= 10 and <= 3600 => options with { Steady = TimeSpan.FromSeconds(s) },
                _ => options with { Problem = $"Bad option or value: {args[i]} {value}" },
            };
            if (options.Problem is not null)
                return options;
        }
        var known = new[] { "all", "smoke", "connect-storm", "steady-state", "alarm-storm", "directory-query", "failover", "across-hosts", "customer-list", "provisioning", "backup-store", "backup-stream", "nightly", "tunnels" };
        if (!known.Contains(options.Scenario))
            return options with { Problem = $"Unknown scenario '{options.Scenario}'." };
        if (options.Scenario == "backup-store")
            options = options with { Customers = options.CustomersGiven ? options.Customers : [1000], BackupSizes = options.BackupSizes is [] ? [1 << 20] : options.BackupSizes };
        if (options.Scenario == "backup-stream")
            options = options with { BackupSizes = options.BackupSizes is [] ? [500L << 20] : options.BackupSizes };
        return options with
        {
            Placements = options.Scenario switch { "all" => Placement.Both, "across-hosts" => Placement.AcrossHosts, _ => Placement.OneMachine },
        };
    }

    /// <summary>A size as the simulator reads it (<c>256K</c>, <c>1M</c>, <c>500M</c>: powers of 1024), or null when it is none.</summary>
    public static long? ByteSize(string text)
    {
        try
        {
            return Com.Simulator.ByteSize.Parse("size", text, 4L << 30);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Each fleet size to run, with what to run at it and where.</summary>
    public IEnumerable<(BenchPlan Plan, Topology Topology)> Runs()
    {
        if (Backups || Tunnels)
            yield break;
        if (Smoke)
        {
            yield return (new BenchPlan(60, Runs: 1, Steady: TimeSpan.FromSeconds(10), BaselineSteady: TimeSpan.FromSeconds(5), StormSteps: "50:4,100:4", FailoverRate: 30, FailoverSeconds: 40,
                ListSamples: 2, BrowserOptional: true), Topology.OneMachine(3));
            yield break;
        }
        if (Scenario != "across-hosts")
        {
            foreach (var customers in Customers)
            {
                var plan = new BenchPlan(customers, Runs: RunCount, Steady: Steady) with
                {
                    ConnectStorm = Scenario is "all" or "connect-storm",
                    SteadyState = Scenario is "all" or "steady-state",
                    AlarmStorm = Scenario is "all" or "alarm-storm" or "directory-query",
                    Failover = Scenario is "all" or "failover",
                    CustomerList = Scenario is "all" or "customer-list",
                    Nightly = Scenario is "nightly",
                };
                yield return (plan, Topology.OneMachine(3));
            }
        }
        if (Scenario is "all" or "across-hosts")
            yield return (new BenchPlan(Customers[0], SteadyState: false, AlarmStorm: false, CustomerList: false, Runs: RunCount), Topology.Namespaces(3));
    }
}
