using Com.Harness.Cluster;
using Npgsql;

namespace Com.Harness.Scenarios;

/// <summary>Resource use of COM's silos, PostgreSQL and the simulator over a window.</summary>
public sealed class Sampling(BenchCluster cluster, BenchEnvironment environment, string database)
{
    public sealed record Window(double SiloCpuPercent, double SiloRssMb, double PostgresCpuPercent, double RowWritesPerSecond, double CommitsPerSecond, double SimulatorCpuPercent);

    public async Task<Window> MeasureAsync(TimeSpan length, int simulatorPid)
    {
        var silos = cluster.Running.Select(s => s.Process.Pid).ToArray();
        var postgres = ResourceSampler.PostgresPids(environment.PostgresDataDirectory);
        var (writesBefore, commitsBefore) = await DatabaseCountersAsync();
        var siloBefore = ResourceSampler.Of(silos);
        var pgBefore = ResourceSampler.Of(postgres);
        var simBefore = ResourceSampler.Of([simulatorPid]);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(length);
        var elapsed = watch.Elapsed;
        var siloAfter = ResourceSampler.Of(silos);
        var pgAfter = ResourceSampler.Of(ResourceSampler.PostgresPids(environment.PostgresDataDirectory));
        var simAfter = ResourceSampler.Of([simulatorPid]);
        var (writesAfter, commitsAfter) = await DatabaseCountersAsync();
        return new Window(
            ResourceSampler.CpuPercent(siloBefore, siloAfter, elapsed),
            siloAfter.RssBytes / 1024.0 / 1024.0,
            // Backends come and go; the ones that ended take their CPU time with them, so this is a floor.
            Math.Max(0, ResourceSampler.CpuPercent(pgBefore, pgAfter, elapsed)),
            (writesAfter - writesBefore) / elapsed.TotalSeconds,
            (commitsAfter - commitsBefore) / elapsed.TotalSeconds,
            ResourceSampler.CpuPercent(simBefore, simAfter, elapsed));
    }

    private async Task<(long Writes, long Commits)> DatabaseCountersAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        // Counters are flushed by backends about once a second; over windows of seconds that is precise enough.
        await using var command = new NpgsqlCommand(
            "SELECT tup_inserted + tup_updated + tup_deleted, xact_commit FROM pg_stat_database WHERE datname = $1", connection)
        { Parameters = { new() { Value = database } } };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
