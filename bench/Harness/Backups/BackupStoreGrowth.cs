using System.Collections.Concurrent;
using System.Diagnostics;
using Com.Grains.Backups;
using Com.Grains.Interfaces.Backups;
using Com.Harness.Cluster;
using Com.Simulator;
using Com.Storage.Files;
using Npgsql;

namespace Com.Harness.Backups;

/// <summary>
/// <c>backup-store</c>: thirty nights of automatic backups of a fleet into the real file store, pruned by the real
/// retention ladder and collected every night, to see what the store keeps compared with one night's unique data
/// (issue "Jobs and backups": at most 1.5 times).
/// </summary>
public sealed class BackupStoreGrowth(BenchEnvironment environment, int systems, long backupSize, ChunkSizes chunks, TextWriter log)
{
    public const int Nights = 30;
    public const string Scenario = "backup store";

    // A Monday, so the thirty nights cover four whole ISO weeks and cross a month end: every rung of the ladder is used.
    private static readonly DateTimeOffset FirstNight = new(2026, 11, 16, 2, 0, 0, TimeSpan.Zero);

    // Two cores: each save already runs two threads (hashing, database writes), and PostgreSQL needs the rest.
    private const int SavesAtOnce = 3;

    private readonly SettableClock clock = new(FirstNight);
    private readonly ConcurrentDictionary<int, List<BackupVersion>> versions = new();

    private string Fleet => $"{systems:N0} systems × {Size(backupSize)}{(chunks == ChunkSizes.Default ? "" : $", chunks avg {Size(chunks.Average)}")}";

    public async Task<IReadOnlyList<Measurement>> RunAsync()
    {
        var database = $"com_bench_backup_store";
        await using var dataSource = await ScratchDatabase.CreateAsync(environment.AdminConnectionString, database);
        // Collection runs an hour after the night's uploads; a minute of grace lets it take everything pruned that night.
        var store = new PostgresFileStore(dataSource, clock, new FileStoreOptions { ChunkGracePeriod = TimeSpan.FromMinutes(1) }, sizes: chunks);
        var fleet = FleetPlan.Build(new FleetPlanOptions(systems, MaxServers: 5, FaultPlan.None, Seed: 1, "Bench customer")).Customers;
        log.WriteLine($"== backup-store: {Fleet}, {Nights} nights");

        var nightSeconds = new List<double>();
        var stored = new List<StoreSize>();
        for (var night = 1; night <= Nights; night++)
        {
            var watch = Stopwatch.StartNew();
            clock.Now = FirstNight.AddDays(night - 1);
            var generation = clock.Now.ToUnixTimeSeconds() / 86_400;
            var pruned = 0;
            await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = SavesAtOnce }, async (system, _) =>
                Interlocked.Add(ref pruned, await BackUpAsync(store, system, generation)));
            clock.Now += TimeSpan.FromHours(1);
            var collected = await store.CollectGarbageAsync();
            nightSeconds.Add(watch.Elapsed.TotalSeconds);
            stored.Add(await StoreSize.ReadAsync(dataSource));
            log.WriteLine($"  night {night}: {watch.Elapsed.TotalSeconds:0.0} s; {pruned} pruned, {collected.Chunks} chunks ({collected.Bytes / 1e6:0.0} MB) collected; " +
                $"stored {stored[^1].Chunks:N0} chunks, {stored[^1].Bytes / 1e6:0.0} MB");
        }
        return Report(stored, nightSeconds);
    }

    /// <summary>Saves the night's backup of one system, applies retention as of now and deletes what it prunes.</summary>
    private async Task<int> BackUpAsync(PostgresFileStore store, CustomerPlan system, long generation)
    {
        var file = await NightlyArchive.SaveAsync(store, system, generation, clock.Now, backupSize);
        var history = versions.GetOrAdd(system.Index, _ => []);
        history.Add(new BackupVersion(file.Id.ToString(), clock.Now, BackupKind.Automatic));
        var decision = BackupRetention.Apply(history, clock.Now, TimeZoneInfo.Utc);
        foreach (var prune in decision.Prune)
        {
            await store.DeleteAsync(Guid.Parse(prune.Id));
            history.Remove(prune);
        }
        return decision.Prune.Count;
    }

    private List<Measurement> Report(List<StoreSize> stored, List<double> nightSeconds)
    {
        var first = stored[0].Bytes / 1e6;
        var last = stored[^1].Bytes / 1e6;
        var ratio = last / first;
        var retained = versions.Values.Select(v => (double)v.Count).ToList();
        log.WriteLine($"  after night {Nights}: {last:0.0} MB = {ratio:0.00} × night 1's {first:0.0} MB; {Statistics.Median(retained)} versions kept per system; " +
            $"median night {Statistics.Median(nightSeconds):0.0} s");
        return
        [
            new(Scenario, Fleet, "chunk bytes stored after night 1 (one night's unique data)", "MB", [first], Note: $"{stored[0].Chunks:N0} chunks"),
            new(Scenario, Fleet, $"chunk bytes stored after night {Nights}", "MB", [last],
                Note: $"{stored[^1].Chunks:N0} chunks; com_file_chunks with TOAST on disk {stored[^1].OnDisk / 1e6:N0} MB"),
            new(Scenario, Fleet, $"night {Nights} over night 1", "×", [ratio], Target: "≤ 1.5×", Met: ratio <= 1.5),
            new(Scenario, Fleet, $"automatic versions kept per system after night {Nights}", "versions", retained),
            new(Scenario, Fleet, "wall time per night (save all, prune, delete, collect)", "s", nightSeconds,
                Note: $"{SavesAtOnce} saves at once; {systems * (double)backupSize / 1e6 / Statistics.Median(nightSeconds):0} MB/s of backups at the median"),
        ];
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1 << 30 when bytes % (1 << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1 << 20 when bytes % (1 << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1 << 10 when bytes % (1 << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} B",
    };

    /// <summary>What the store holds: distinct chunks, their bytes, and the chunk table's size on disk (TOAST included).</summary>
    private sealed record StoreSize(long Chunks, long Bytes, long OnDisk)
    {
        public static async Task<StoreSize> ReadAsync(NpgsqlDataSource dataSource)
        {
            await using var command = dataSource.CreateCommand(
                "SELECT count(*), coalesce(sum(length), 0)::bigint, pg_total_relation_size('com_file_chunks') FROM com_file_chunks");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return new StoreSize(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
    }
}
