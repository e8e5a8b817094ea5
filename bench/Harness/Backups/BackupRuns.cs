using Com.Harness.Cluster;
using Com.Storage.Files;

namespace Com.Harness.Backups;

/// <summary>The backup scenarios of <c>./com bench</c> (issue "Jobs and backups"): what each option asks for, run in turn.</summary>
public static class BackupRuns
{
    public static async Task<IReadOnlyList<Measurement>> RunAsync(HarnessOptions options, BenchEnvironment environment, TextWriter log)
    {
        var results = new List<Measurement>();
        if (options.Scenario == "backup-store")
        {
            var chunks = options.ChunkAverage is { } average ? new ChunkSizes(average / 4, average, average * 4) : ChunkSizes.Default;
            foreach (var systems in options.Customers)
            {
                foreach (var size in options.BackupSizes)
                    results.AddRange(await new BackupStoreGrowth(environment, systems, size, chunks, log).RunAsync());
            }
        }
        if (options.Scenario == "backup-stream")
            results.AddRange(await new BackupStream(environment, options.BackupSizes[0], options.RunCount, log).RunAsync());
        return results;
    }

    /// <summary>
    /// backup-store at its smallest, for <c>smoke</c>: ten systems of 256 KiB for the thirty nights, in about ten seconds.
    /// backup-stream waits a minute for its window and streams 500 MB, too long for the smoke.
    /// </summary>
    public static async Task<bool> SmokeAsync(BenchEnvironment environment, TextWriter log)
    {
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await new BackupStoreGrowth(environment, 10, 256 * 1024, ChunkSizes.Default, log).RunAsync();
            log.WriteLine($"  backup-store smoke took {watch.Elapsed.TotalSeconds:0.0} s");
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Npgsql.NpgsqlException)
        {
            log.WriteLine($"backup-store smoke failed: {e}");
            return false;
        }
    }
}
