namespace Com.Harness.Cluster;

/// <summary>What <c>./com bench</c> prepared: the published programs, the benchmark's PostgreSQL, and a work folder.</summary>
public sealed record BenchEnvironment(string AdminConnectionString, string PostgresDataDirectory, string SiloDirectory, string SimulatorDirectory, string WorkDirectory, string Report)
{
    /// <summary>The PostgreSQL inside the <c>com-pg</c> namespace, when <c>bench/netns.sh up</c> started one.</summary>
    public string? AcrossHostsConnectionString { get; init; } = Environment.GetEnvironmentVariable("COM_BENCH_DB_ACROSS") is { Length: > 0 } across ? across : null;

    public string AdminFor(Topology topology) => !topology.AcrossHosts ? AdminConnectionString
        : AcrossHostsConnectionString ?? throw new InvalidOperationException("no PostgreSQL in the com-pg namespace: run through ./com bench all or across-hosts");

    public static BenchEnvironment FromVariables() => new(
        Required("COM_BENCH_DB"),
        Required("COM_BENCH_PGDATA"),
        Required("COM_BENCH_APP"),
        Required("COM_BENCH_SIM"),
        Required("COM_BENCH_DATA"),
        Required("COM_BENCH_REPORT"));

    public string CertificatePath => Path.Combine(WorkDirectory, "certs", "com.pfx");

    public string PublicCertificatePath => Path.ChangeExtension(CertificatePath, ".crt");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the benchmark through ./com bench");
}
