using Com.Harness.Cluster;

namespace Com.Harness.Scenarios;

/// <summary>CPU of the silos, PostgreSQL and the simulator from its creation on, and the silos' peak resident memory.</summary>
public sealed class NightlyUsage
{
    public sealed record Cpu(double Silos, double Postgres, double Simulator)
    {
        public override string ToString() => $"silos {Silos:0} %, PostgreSQL {Postgres:0} %, simulator {Simulator:0} % of all cores";
    }

    private readonly BenchCluster cluster;
    private readonly BenchEnvironment environment;
    private readonly int simulator;
    private readonly DateTime started = DateTime.UtcNow;
    private readonly ResourceSampler.Sample silosBefore;
    private readonly ResourceSampler.Sample postgresBefore;
    private readonly ResourceSampler.Sample simulatorBefore;

    public NightlyUsage(BenchCluster cluster, BenchEnvironment environment, int simulatorPid)
    {
        this.cluster = cluster;
        this.environment = environment;
        simulator = simulatorPid;
        silosBefore = ResourceSampler.Of(SiloPids);
        postgresBefore = ResourceSampler.Of(ResourceSampler.PostgresPids(environment.PostgresDataDirectory));
        simulatorBefore = ResourceSampler.Of([simulator]);
    }

    public double SiloRssMb { get; private set; }

    public double PeakSiloRssMb { get; private set; }

    private int[] SiloPids => [.. cluster.Running.Select(s => s.Process.Pid)];

    public void Sample()
    {
        SiloRssMb = ResourceSampler.Of(SiloPids).RssBytes / 1024.0 / 1024.0;
        PeakSiloRssMb = Math.Max(PeakSiloRssMb, SiloRssMb);
    }

    public Cpu CpuPercent()
    {
        var elapsed = DateTime.UtcNow - started;
        return new Cpu(
            ResourceSampler.CpuPercent(silosBefore, ResourceSampler.Of(SiloPids), elapsed),
            // Backends come and go; the ones that ended take their CPU time with them, so this is a floor.
            Math.Max(0, ResourceSampler.CpuPercent(postgresBefore, ResourceSampler.Of(ResourceSampler.PostgresPids(environment.PostgresDataDirectory)), elapsed)),
            ResourceSampler.CpuPercent(simulatorBefore, ResourceSampler.Of([simulator]), elapsed));
    }
}
