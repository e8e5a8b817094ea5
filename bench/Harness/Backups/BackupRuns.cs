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
}
