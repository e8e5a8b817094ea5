using System.Globalization;
using Com.Grains.Interfaces.Jobs;
using Com.Harness.Cluster;

namespace Com.Harness.Scenarios;

/// <summary>
/// The nightly scenario (issue 16): every flagged system's automatic backup, through the real scheduler and job engine,
/// in a window of the real length that opens about a minute after the whole fleet is linked and green.
/// </summary>
public sealed partial class ScaleRun
{
    private static readonly TimeSpan NightlyWindow = TimeSpan.FromHours(2);
    private static readonly TimeSpan NightlyPoll = TimeSpan.FromSeconds(5);
    private static readonly string[] UtcZone = ["--time-zone", "UTC"];
    // A loaded 2-core machine once took over 5 minutes to link 10,000 systems from cold.
    private static readonly TimeSpan NightlyLinkTimeout = TimeSpan.FromMinutes(15);
    // Linking is not what is measured: paced, a loaded machine links 10,000 without TLS handshakes timing out in a herd.
    private const int NightlyConnectRate = 100;

    private async Task NightlyAsync(BenchCluster cluster)
    {
        // A first link, backups off, tells COM every system's flags and zone, and how long linking takes on this machine.
        await cluster.StartAllAsync();
        double firstGreen;
        using (var api = new CustomerApi(cluster.Client(cluster.Silo(1))))
        await using (var first = SimulatorRun.Start(environment, topology.Simulator, SimulatorPlan(cluster) with { Extra = UtcZone, ConnectRate = NightlyConnectRate }, $"nightly-link-{C}"))
        {
            firstGreen = await api.WaitGreenAsync(C, first.Started, NightlyLinkTimeout) ?? throw Failure($"not all {C} customers green in {NightlyLinkTimeout}", first);
            fleet = await FleetSizeAsync(api);
            log.WriteLine($"  nightly: first link, all {C} green after {firstGreen:0.0} s");
            await first.StopAsync();
        }

        // Silos read the window when they start: restart them with it opening after a silo start, two and a half times the
        // first link, and a minute. A loaded machine relinked 10,000 slower than it first linked them (268 s against 1.25×),
        // and systems not linked yet when the job reaches them fail, which measures the relink, not the night.
        var restart = DateTime.UtcNow;
        await cluster.StopAllAsync();
        var opening = WholeSecond(restart + TimeSpan.FromSeconds(60 + Math.Max(30, 2.5 * firstGreen) + 60));
        var closes = opening + NightlyWindow;
        cluster.Overrides["Com__Backups__Nightly__Enabled"] = "true";
        cluster.Overrides["Com__Backups__Nightly__WindowStart"] = opening.TimeOfDay.ToString("c", CultureInfo.InvariantCulture);
        cluster.Overrides["Com__Backups__Nightly__WindowLength"] = NightlyWindow.ToString("c", CultureInfo.InvariantCulture);
        cluster.Overrides["Com__Backups__Nightly__SweepEvery"] = "00:00:10";
        await cluster.StartAllAsync();
        log.WriteLine($"  nightly: silos restarted in {(DateTime.UtcNow - restart).TotalSeconds:0.0} s; window {opening:HH:mm:ss}–{closes:HH:mm:ss} UTC");

        await using var sim = SimulatorRun.Start(environment, topology.Simulator, SimulatorPlan(cluster) with { Extra = UtcZone, ConnectRate = NightlyConnectRate }, $"nightly-{C}");
        string linking;
        using (var api = new CustomerApi(cluster.Client(cluster.Silo(1))))
            linking = await LinkedBeforeOpeningAsync(api, sim, opening);
        var jobs = new NightlyJobs(cluster.ConnectionString);
        if (opening - DateTime.UtcNow is { Ticks: > 0 } wait)
            await Task.Delay(wait);
        var storeBefore = await jobs.StoreAsync(opening);
        var usage = new NightlyUsage(cluster, environment, sim.Pid);
        var rows = await FollowJobsAsync(jobs, sim, usage, opening, closes);
        var cpu = usage.CpuPercent();
        var storeAfter = await jobs.StoreAsync(opening);
        await sim.StopAsync();
        await ReportNightlyAsync(jobs, rows, opening, closes, linking, storeAfter with { ChunkBytes = storeAfter.ChunkBytes - storeBefore.ChunkBytes }, cpu, usage.PeakSiloRssMb);
    }

    private static DateTime WholeSecond(DateTime moment) => new(moment.Ticks - moment.Ticks % TimeSpan.TicksPerSecond + TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>
    /// Waits until every link is welcomed and every customer green, or the window opens: a fleet still linking then is
    /// measured as it is (its backups may fail) and said so, rather than throwing away the run.
    /// </summary>
    private async Task<string> LinkedBeforeOpeningAsync(CustomerApi api, SimulatorRun sim, DateTime opening)
    {
        while (true)
        {
            if (sim.HasExited)
                throw Failure("the simulator ended early", sim);
            // Welcomed first: the directory may still show some systems green from the first link for a moment.
            var green = sim.FirstTimeConnected(C) is not null ? await api.CountAsync("green") : null;
            var lead = (opening - DateTime.UtcNow).TotalSeconds;
            if (green >= C)
            {
                log.WriteLine($"  nightly: all {C} green after {(DateTime.UtcNow - sim.Started).TotalSeconds:0.0} s, {lead:0} s before the window opens");
                return $"fleet green {lead:0} s before the opening";
            }
            if (lead <= 0)
            {
                var linked = $"{sim.Connected:N0} linked and {green ?? 0:N0} green at the opening, still linking";
                log.WriteLine($"  nightly: {linked}");
                return linked;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<IReadOnlyList<NightlyJobs.Row>> FollowJobsAsync(NightlyJobs jobs, SimulatorRun sim, NightlyUsage usage, DateTime opening, DateTime closes)
    {
        while (true)
        {
            var rows = await jobs.JobsAsync();
            usage.Sample();
            var since = (DateTime.UtcNow - opening).TotalSeconds;
            if (rows.Count > 0)
            {
                log.WriteLine($"  nightly +{since:0} s: {rows.Count} job(s) {string.Join('/', rows.Select(r => (JobStatus)r.Status).Distinct())}, " +
                    $"{rows.Sum(r => r.Completed)} completed, {rows.Sum(r => r.Failed)} failed or skipped, {rows.Sum(r => r.InProgress)} under way, of {rows.Sum(r => r.Total)}; " +
                    $"silo RSS {usage.SiloRssMb:N0} MB");
                if (rows.All(r => r.Ended))
                    return rows;
            }
            if (rows.Count == 0 && since > 180)
                throw Failure("no automatic-backup job three minutes after the window opened", sim);
            if (DateTime.UtcNow > closes + TimeSpan.FromMinutes(5))
                throw Failure("the nightly job did not end within five minutes of the window's close", sim);
            if (sim.HasExited)
                throw Failure("the simulator ended early", sim);
            await Task.Delay(NightlyPoll);
        }
    }

    private async Task ReportNightlyAsync(NightlyJobs jobs, IReadOnlyList<NightlyJobs.Row> rows, DateTime opening, DateTime closes, string linking, NightlyJobs.Store added, NightlyUsage.Cpu cpu, double peakRss)
    {
        var total = rows.Sum(r => r.Total);
        var completed = rows.Sum(r => r.Completed);
        var failed = rows.Sum(r => r.Failed);
        var started = rows.Min(r => r.StartedAt) ?? opening;
        var ended = rows.Max(r => r.EndedAt) ?? DateTime.UtcNow;
        var seconds = (ended - opening).TotalSeconds;
        var fraction = 100 * seconds / NightlyWindow.TotalSeconds;
        var minutes = await jobs.PerMinuteAsync(started, ended);
        var perSecond = minutes.Count > 0 ? [.. minutes.Select(m => m / 60)] : new[] { added.Files / Math.Max(1, (ended - started).TotalSeconds) };
        var met = completed == total && ended <= closes;
        log.WriteLine($"  nightly: {completed} of {total} completed, {failed} failed or skipped, {seconds:0.0} s after the opening ({fraction:0.0} % of the window); " +
            $"{added.Files} backups stored, {added.FileBytes / 1e6:0.0} MB, {added.ChunkBytes / 1e6:0.0} MB of new chunks; CPU {cpu}; silo RSS peak {peakRss:N0} MB");
        var status = string.Join(", ", rows.Select(r => $"{(JobStatus)r.Status}"));
        results.Add(new Measurement("nightly backup", fleet, $"systems in tonight's job ({rows.Count} job, {status})", "", [total], Note: $"flagged and not monitor-only, of {C:N0}"));
        results.Add(new Measurement("nightly backup", fleet, "window opening → job ended", "s", [seconds], Target: "≤ 7,200 s, all completed", Met: met,
            Note: $"{linking}; job started {(started - opening).TotalSeconds:0.0} s after the opening"));
        results.Add(new Measurement("nightly backup", fleet, "systems completed", "", [completed], Target: $"{total:N0}", Met: completed == total));
        results.Add(new Measurement("nightly backup", fleet, "systems failed or skipped", "", [failed], Target: "0", Met: failed == 0,
            Note: ended <= closes ? "com_jobs counts skips with failures; none skipped by the close, the job ended before it" : "com_jobs counts skips with failures"));
        results.Add(new Measurement("nightly backup", fleet, "share of the 2 h window used", "%", [fraction]));
        results.Add(new Measurement("nightly backup", fleet, minutes.Count > 0 ? $"backups stored per second, per whole minute ({minutes.Count})" : "backups stored per second, whole run (under a minute)", "/s",
            perSecond, Note: "16 systems at a time per job, 1 s command polls"));
        results.Add(new Measurement("nightly backup", fleet, "CPU of the 3 silos, % of all cores, opening → end", "%", [cpu.Silos]));
        results.Add(new Measurement("nightly backup", fleet, "PostgreSQL CPU, % of all cores, opening → end", "%", [cpu.Postgres], Note: "backends that ended are not counted: a floor"));
        results.Add(new Measurement("nightly backup", fleet, "simulator CPU, % of all cores (shares the machine)", "%", [cpu.Simulator]));
        results.Add(new Measurement("nightly backup", fleet, "RSS of the 3 silos together, peak", "MB", [peakRss]));
        results.Add(new Measurement("nightly backup", fleet, "bytes added to the file store (chunks)", "MB", [added.ChunkBytes / 1e6],
            Note: $"{added.Files:N0} backup files, {added.FileBytes / 1e6:0.0} MB before dedup"));
    }
}
