using System.Globalization;
using Com.Grains.Interfaces.Jobs;
using Com.Harness.Cluster;
using Com.Simulator;
using Npgsql;

namespace Com.Harness.Backups;

/// <summary>
/// <c>backup-stream</c>: one system's large backup (500 MB by default) streamed through a real silo into the file
/// store, started by the nightly automatic backup, against a raw COPY of as many bytes into the same PostgreSQL.
/// Issue "Jobs and backups" wants the silo's RSS to grow by less than 100 MB and the upload to run at 0.8 times the
/// raw rate or better. Each run has a fresh database and silo, as the nightly job backs a system up once a night.
/// </summary>
public sealed class BackupStream(BenchEnvironment environment, long backupSize, int runs, TextWriter log)
{
    public const string Scenario = "backup stream";

    // The automatic backup's window opens this long after the silo is started: time to start, provision and link.
    private static readonly TimeSpan WindowLead = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(15);

    private sealed record Run(double RssBeforeMb, double RssPeakMb, double UploadMbPerSecond, double RawMbPerSecond, double JobSeconds);

    private string Fleet => $"1 system, {BackupStoreGrowth.Size(backupSize)}";

    public async Task<IReadOnlyList<Measurement>> RunAsync()
    {
        var seed = SeedWithRemoteBackup();
        log.WriteLine($"== backup-stream: {Fleet}, {runs} runs (simulator seed {seed}: its system allows remote upgrade and backup)");
        var results = new List<Run>();
        for (var run = 1; run <= runs; run++)
            results.Add(await RunOnceAsync(run, seed));
        return Report(results);
    }

    // 80 % of simulated systems allow remote upgrade and backup (FeatureGenerator); with one customer, pick a seed whose does.
    private static int SeedWithRemoteBackup() => Enumerable.Range(1, 100)
        .First(seed => FleetPlan.Build(new FleetPlanOptions(1, 5, FaultPlan.None, seed, "Bench customer")).Customers[0].Flags.RemoteUpgradeBackup);

    private async Task<Run> RunOnceAsync(int run, int seed)
    {
        var windowStart = (DateTime.UtcNow + WindowLead).TimeOfDay;
        var settings = new Dictionary<string, string>
        {
            // The system reports UTC (--time-zone below), so the window is in UTC too.
            ["Com__Backups__Nightly__Enabled"] = "true",
            ["Com__Backups__Nightly__WindowStart"] = windowStart.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
            ["Com__Backups__Nightly__SweepEvery"] = "00:00:05",
            ["Logging__LogLevel__Com.Silo.Files.DeviceFileTransfer"] = "Information",
        };
        var topology = Topology.OneMachine(1);
        await using var cluster = new BenchCluster(environment, topology, "com_bench_backup_stream", log, firstNumber: 9, settings);
        await cluster.CreateDatabaseAsync();
        await cluster.StartAllAsync();
        var silo = cluster.Silo(1);
        await using var rss = new RssTrace(silo.Process.Pid);
        var fleetFile = Path.Combine(environment.WorkDirectory, "fleet-backup-stream.json");
        File.Delete(fleetFile);
        var plan = new SimulatorRun.Plan(cluster.LinkUris, new Uri(silo.WebBase, "/com/api/"), cluster.Token, environment.PublicCertificatePath, fleetFile, 1)
        {
            Extra = ["--seed", $"{seed}", "--backup-size", $"{backupSize}", "--time-zone", "UTC"],
        };
        await using var sim = SimulatorRun.Start(environment, topology.Simulator, plan, $"backup-stream-{run}");
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        var jobs = new AutomaticBackupJob(dataSource);

        // The trigger: the nightly sweep (Com:Backups:Nightly) creates an "automatic-backup" job once the window opens.
        var ended = await jobs.WaitEndedAsync(WindowLead + JobTimeout, () => !sim.HasExited && !silo.Process.HasExited)
            ?? throw new TimeoutException($"no automatic-backup job ended within {WindowLead + JobTimeout} (is the nightly backup in this build?);\n" +
                $"simulator:\n{sim.Tail()}\nsilo:\n{silo.Process.Tail()}");
        if (ended.Status != JobStatus.Completed || await jobs.StoredAsync() is not { } stored)
            throw new InvalidOperationException($"the automatic backup ended {ended.Status};\nsimulator:\n{sim.Tail()}\nsilo:\n{silo.Process.Tail()}");
        var started = ended.StartedAt ?? stored.FirstChunkAt;
        var before = rss.Peak(started - TimeSpan.FromSeconds(10), started) ?? throw new InvalidOperationException("no RSS sample before the job");
        var peak = rss.Peak(started, stored.ListedAt + TimeSpan.FromSeconds(1)) ?? before;
        await sim.StopAsync();
        var raw = await RawCopy.TimeAsync(dataSource, stored.Length);

        var result = new Run(before / 1e6, peak / 1e6, stored.Length / 1e6 / stored.Upload.TotalSeconds, stored.Length / 1e6 / raw.TotalSeconds,
            ((ended.EndedAt ?? stored.ListedAt) - started).TotalSeconds);
        log.WriteLine($"  run {run}: {stored.Length / 1e6:0} MB in {stored.Upload.TotalSeconds:0.0} s = {result.UploadMbPerSecond:0.0} MB/s (raw COPY {result.RawMbPerSecond:0.0} MB/s); " +
            $"silo RSS {result.RssBeforeMb:0} MB before, {result.RssPeakMb:0} MB at the peak; job {result.JobSeconds:0.0} s");
        return result;
    }

    private List<Measurement> Report(List<Run> runs)
    {
        var growth = runs.Select(r => r.RssPeakMb - r.RssBeforeMb).ToList();
        var upload = runs.Select(r => r.UploadMbPerSecond).ToList();
        var raw = Statistics.Median(runs.Select(r => r.RawMbPerSecond).ToList());
        // Judged run by run: each upload against the COPY right after it, on a machine as loaded as it was then.
        var ratios = runs.Select(r => r.UploadMbPerSecond / r.RawMbPerSecond).ToList();
        return
        [
            new(Scenario, Fleet, "silo RSS before the job", "MB", [.. runs.Select(r => r.RssBeforeMb)]),
            new(Scenario, Fleet, "silo RSS peak during the transfer (sampled every 200 ms)", "MB", [.. runs.Select(r => r.RssPeakMb)]),
            new(Scenario, Fleet, "silo RSS growth, peak over before", "MB", growth, Target: "< 100 MB", Met: Statistics.Median(growth) < 100),
            new(Scenario, Fleet, "upload throughput, first chunk batch written to file listed (the store's times)", "MB/s", upload, raw,
                Note: "baseline: binary COPY of as many noise bytes into a bytea table, 256 KiB a row, right after each upload"),
            new(Scenario, Fleet, "upload throughput over the raw COPY's, run by run", "×", ratios, Target: "≥ 0.8×", Met: Statistics.Median(ratios) >= 0.8),
            new(Scenario, Fleet, "automatic-backup job, started to ended (com_jobs)", "s", [.. runs.Select(r => r.JobSeconds)]),
        ];
    }
}
