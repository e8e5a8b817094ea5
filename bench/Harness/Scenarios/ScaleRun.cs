using System.Globalization;
using System.Text.Json;
using Com.Harness.Baselines;
using Com.Harness.Cluster;
using Com.Overview.Customers;

namespace Com.Harness.Scenarios;

/// <summary>
/// Every scenario for one fleet size, on one cluster: provisioning, connect storms (COM and bare Kestrel), then one long
/// simulator run for steady state and the alarm storm with directory queries, then a fresh run for the failover.
/// </summary>
public sealed partial class ScaleRun(BenchEnvironment environment, Topology topology, BenchPlan plan, TextWriter log)
{
    private const int BaselinePort = 17500;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMinutes(5);
    private readonly List<Measurement> results = [];
    private readonly string database = $"com_bench_{plan.Customers}";
    private string fleet = $"{plan.Customers:N0} / ?";
    private string FleetFile => Path.Combine(environment.WorkDirectory, $"fleet-{plan.Customers}.json");
    private int C => plan.Customers;

    public async Task<IReadOnlyList<Measurement>> RunAsync()
    {
        await using var cluster = new BenchCluster(environment, topology, database, log);
        log.WriteLine($"== {C:N0} customers ({(topology.AcrossHosts ? "network namespaces" : "one machine")})");
        await cluster.CreateDatabaseAsync();
        await cluster.StartAllAsync();
        await ProvisionAsync(cluster);
        var bareCalls = plan.AlarmStorm ? await MeasureBareGrainCallsAsync() : (double?)null;
        var baseline = plan.ConnectStorm || plan.SteadyState ? await BaselineLinksAsync(cluster) : new LinkBaseline(0, null);
        if (plan.ConnectStorm || plan.KeepsFleetAfterStorm)
            await ComLinksAsync(cluster, baseline, bareCalls);
        if (plan.CustomerList)
            await CustomerListAsync(cluster);
        if (plan.Failover)
            await FailoverAsync(cluster);
        if (plan.Nightly)
            await NightlyAsync(cluster);
        return results;
    }

    private SimulatorRun.Plan SimulatorPlan(BenchCluster cluster, IReadOnlyList<Uri>? links = null, string? storm = null, string faults = "none") => new(
        links ?? cluster.LinkUris, new Uri(cluster.Silo(1).WebBase, "/com/api/"), cluster.Token, environment.PublicCertificatePath, FleetFile, C, storm, faults);

    private async Task ProvisionAsync(BenchCluster cluster)
    {
        File.Delete(FleetFile);
        var started = DateTime.UtcNow;
        await using var watch = new FleetFileWatch(FleetFile, started);
        await using var provisioning = SimulatorRun.Start(environment, topology.Simulator, SimulatorPlan(cluster) with { ProvisionOnly = true }, $"provision-{C}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(40));
        await provisioning.WaitForExitAsync(timeout.Token);
        if (provisioning.ExitCode != 0 || !File.Exists(FleetFile))
            throw new InvalidOperationException($"provisioning failed:\n{provisioning.Tail()}");
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        var windows = ProvisioningRate.LastWindows(await watch.StopAsync(), C);
        log.WriteLine($"  provisioned {C} customers in {seconds:0.0} s; over the last {Math.Min(C, ProvisioningRate.Tail)}: " +
            $"{string.Join(", ", windows.Select(w => $"{w:0.0}"))} /s, median {Statistics.Median(windows):0.0} /s");
        results.Add(new Measurement(ProvisioningRate.Scenario, $"{C:N0}", "customers created through the API, average from empty (simulator start included)", "/s", [C / seconds],
            Note: "8 parallel requests"));
        results.Add(new Measurement(ProvisioningRate.Scenario, $"{C:N0}", ProvisioningRate.TailMeasure, "/s", windows));
    }

    /// <summary>The bare-Kestrel figures COM's are compared with: median connect time, and resources while holding the links.</summary>
    private sealed record LinkBaseline(double ConnectSeconds, Sampling.Window? Steady);

    private async Task<LinkBaseline> BaselineLinksAsync(BenchCluster cluster)
    {
        var host = topology.Silos[0];
        var link = new Uri($"wss://{host.Address}:{BaselinePort}/cpe/link");
        var times = new List<double>();
        Sampling.Window? steady = null;
        for (var run = 1; run <= plan.Runs; run++)
        {
            // The harness itself (not typeof(Program): the simulator it references has a Program too).
            var harness = typeof(ScaleRun).Assembly.Location;
            await using var server = new ManagedProcess("bare kestrel", host.Command("dotnet", [harness, "baseline-ws", host.Address, $"{BaselinePort}", environment.CertificatePath]));
            await Task.Delay(TimeSpan.FromSeconds(2));
            await using var sim = SimulatorRun.Start(environment, topology.Simulator, SimulatorPlan(cluster, [link]), $"baseline-{C}-{run}");
            var all = await WaitAsync(() => sim.FirstTimeConnected(C), ConnectTimeout, sim);
            times.Add(all);
            log.WriteLine($"  bare kestrel run {run}: {C} links welcomed after {all:0.0} s");
            if (run == plan.Runs && plan.SteadyState)
            {
                await Task.Delay(BenchPlan.Settle);
                var silo = ResourceSampler.Of([server.Pid]);
                var started = DateTime.UtcNow;
                await Task.Delay(plan.BaselineSteadyDuration);
                var after = ResourceSampler.Of([server.Pid]);
                steady = new Sampling.Window(ResourceSampler.CpuPercent(silo, after, DateTime.UtcNow - started), after.RssBytes / 1024.0 / 1024.0, 0, 0, 0, 0);
            }
            await sim.StopAsync();
        }
        return new LinkBaseline(Statistics.Median(times), steady);
    }

    private async Task ComLinksAsync(BenchCluster cluster, LinkBaseline baseline, double? bareCalls)
    {
        var green = new List<double>();
        var welcomed = new List<double>();
        var runs = plan.ConnectStorm ? plan.Runs : 1;
        for (var run = 1; run <= runs; run++)
        {
            if (run > 1)
            {
                // From cold: no grain active, every customer read from PostgreSQL again.
                await cluster.StopAllAsync();
                await cluster.StartAllAsync();
            }
            var last = run == runs && plan.KeepsFleetAfterStorm;
            var storm = last ? $"0:{(int)(BenchPlan.Settle + plan.SteadyDuration).TotalSeconds + 10},{plan.StormSteps},0:60" : null;
            await using var sim = SimulatorRun.Start(environment, topology.Simulator, SimulatorPlan(cluster, storm: storm), $"com-{C}-{run}");
            using var api = new CustomerApi(cluster.Client(cluster.Silo(1)));
            var allGreen = await api.WaitGreenAsync(C, sim.Started, ConnectTimeout) ?? throw Failure($"not all {C} customers green in {ConnectTimeout}", sim);
            green.Add(allGreen);
            welcomed.Add(sim.FirstTimeConnected(C) ?? allGreen);
            log.WriteLine($"  COM run {run}: all {C} welcomed after {welcomed[^1]:0.0} s, all green in the directory after {allGreen:0.0} s");
            if (run == 1)
                fleet = await FleetSizeAsync(api);
            if (last)
                await SteadyAndStormAsync(cluster, sim, api, baseline.Steady, bareCalls);
            await sim.StopAsync();
        }
        if (plan.ConnectStorm)
        {
            var target = C >= 10_000 ? "≤ 60 s and ≤ 5× bare" : "≤ 5× bare";
            var met = green.Count > 0 && Statistics.Median(green) <= 60 && Statistics.Median(green) <= 5 * baseline.ConnectSeconds;
            results.Add(new Measurement("connect storm", fleet, "all linked (welcomed)", "s", welcomed, baseline.ConnectSeconds));
            results.Add(new Measurement("connect storm", fleet, "all green in the directory", "s", green, baseline.ConnectSeconds, target, met));
        }
    }

    private async Task<string> FleetSizeAsync(CustomerApi api)
    {
        var servers = (await api.AllAsync()).Sum(r => r.Servers);
        return $"{C:N0} / {servers:N0}";
    }

    private async Task SteadyAndStormAsync(BenchCluster cluster, SimulatorRun sim, CustomerApi api, Sampling.Window? baselineSteady, double? bareCalls)
    {
        var sampling = new Sampling(cluster, environment, database);
        await WaitAsync(() => sim.Step >= 0 ? 1.0 : null, ConnectTimeout, sim);
        await Task.Delay(BenchPlan.Settle);
        if (plan.SteadyState)
            await SteadyAsync(sampling, sim, baselineSteady);
        if (plan.AlarmStorm)
            await StormAsync(cluster, sim, api, sampling, bareCalls);
    }

    private async Task SteadyAsync(Sampling sampling, SimulatorRun sim, Sampling.Window? baselineSteady)
    {
        var windows = new List<Sampling.Window>();
        var window = TimeSpan.FromSeconds(Math.Min(10, plan.SteadyDuration.TotalSeconds));
        for (var elapsed = TimeSpan.Zero; elapsed < plan.SteadyDuration; elapsed += window)
            windows.Add(await sampling.MeasureAsync(window, sim.Pid));
        var cpu = windows.Select(w => w.SiloCpuPercent).ToList();
        var rss = windows.Select(w => w.SiloRssMb).ToList();
        log.WriteLine($"  steady: silos {Statistics.Median(cpu):0.0} % CPU, {Statistics.Median(rss):0} MB; PostgreSQL {Statistics.Median(windows.Select(w => w.RowWritesPerSecond).ToList()):0.0} row writes/s");
        results.Add(new Measurement("steady state", fleet, "CPU of the 3 silos, % of all cores", "%", cpu, baselineSteady?.SiloCpuPercent, "< 25 %", Statistics.Median(cpu) < 25));
        results.Add(new Measurement("steady state", fleet, "RSS of the 3 silos together", "MB", rss, baselineSteady?.SiloRssMb, C >= 10_000 ? "< 1,536 MB" : "", C >= 10_000 ? Statistics.Median(rss) < 1536 : null));
        results.Add(new Measurement("steady state", fleet, "RSS per connected customer, all included", "KB", [.. rss.Select(r => r * 1024 / C)], baselineSteady is { } b ? b.SiloRssMb * 1024 / C : null, "≈ 50 KB"));
        results.Add(new Measurement("steady state", fleet, "PostgreSQL row writes", "/s", [.. windows.Select(w => w.RowWritesPerSecond)]));
        results.Add(new Measurement("steady state", fleet, "PostgreSQL CPU, % of all cores", "%", [.. windows.Select(w => w.PostgresCpuPercent)]));
        results.Add(new Measurement("steady state", fleet, "simulator CPU, % of all cores (shares the machine)", "%", [.. windows.Select(w => w.SimulatorCpuPercent)]));
    }

    private async Task StormAsync(BenchCluster cluster, SimulatorRun sim, CustomerApi api, Sampling sampling, double? bareCalls)
    {
        var steps = plan.StormSteps.Split(',').Length;
        // Taken in the quiet first step, before the storm raises anything.
        var before = await OngoingAsync(api);
        await WaitAsync(() => sim.Step >= 1 ? 1.0 : null, plan.SteadyDuration + ConnectTimeout, sim);
        using var stormEnded = new CancellationTokenSource();
        var queries = QueryLoopAsync(api, stormEnded.Token);
        var windows = new List<Sampling.Window>();
        for (var step = 1; step <= steps; step++)
        {
            var seconds = double.Parse(plan.StormSteps.Split(',')[step - 1].Split(':')[1], CultureInfo.InvariantCulture);
            windows.Add(await sampling.MeasureAsync(TimeSpan.FromSeconds(seconds * 0.9), sim.Pid));
            await WaitAsync(() => sim.Step > step || sim.Step == -1 ? 1.0 : null, TimeSpan.FromMinutes(2), sim);
        }
        await stormEnded.CancelAsync();
        var latencies = await queries;
        ReportStorm(sim, windows, bareCalls);
        ReportQueries(latencies, await api.AllAsync());
        await CheckLedgerAsync(sim, api, "alarm storm", before);
    }

    private void ReportStorm(SimulatorRun sim, List<Sampling.Window> windows, double? bareCalls)
    {
        var ends = sim.StepEnds().Where(e => e.GetProperty("rate").GetDouble() > 0).ToList();
        double best = 0;
        foreach (var (end, window) in ends.Zip(windows))
        {
            var rate = end.GetProperty("rate").GetDouble();
            var acked = end.GetProperty("acked").GetDouble() / end.GetProperty("seconds").GetDouble();
            var p99 = Number(end, "ackP99Ms");
            var sustained = acked >= 0.95 * rate && p99 < 1000;
            if (sustained)
                best = Math.Max(best, rate);
            results.Add(new Measurement("alarm storm", fleet, $"offered {rate:N0}/s: acked/s, ack p99 {ResultsTable.Number(p99)} ms", "/s", [acked],
                Note: $"silos {window.SiloCpuPercent:0} %, PostgreSQL {window.PostgresCpuPercent:0} %, simulator {window.SimulatorCpuPercent:0} % CPU; {window.CommitsPerSecond:N0} commits/s"));
        }
        results.Add(new Measurement("alarm storm", fleet, "highest sustained rate (≥ 95 % acked, p99 < 1 s)", "/s", [best], bareCalls, "≥ 5,000/s", best >= 5000));
    }

    /// <summary>The bare-Orleans floor for alarm ingest, measured in the same run so both see the same machine.</summary>
    private async Task<double> MeasureBareGrainCallsAsync()
    {
        var (rate, p99) = await BareGrainCalls.MeasureAsync(Math.Min(C, 10_000), TimeSpan.FromSeconds(10));
        log.WriteLine($"  bare Orleans: {rate:N0} grain calls/s at {Math.Min(C, 10_000)} concurrent callers, p99 {p99:0.0} ms");
        return rate;
    }

    private static readonly string[] Sorts = ["alarms", "name", "connectivity", "version"];

    private static CustomerQuery QueryNumber(int n) => new(
        Search: n % 3 == 0 ? null : $"customer {n % 10}", Light: n % 2 == 0 ? Grains.Interfaces.Customers.TrafficLight.Green : null,
        Sort: Enum.Parse<CustomerSort>(Sorts[n % Sorts.Length], ignoreCase: true), Descending: n % 2 == 1, Page: n % 4, PageSize: 50);

    private static string QueryString(CustomerQuery q) =>
        $"?search={Uri.EscapeDataString(q.Search ?? "")}&light={q.Light?.ToString().ToLowerInvariant()}&sort={q.Sort.ToString().ToLowerInvariant()}&desc={q.Descending.ToString().ToLowerInvariant()}&page={q.Page}&size={q.PageSize}";

    private static async Task<List<double>> QueryLoopAsync(CustomerApi api, CancellationToken stop)
    {
        var latencies = new List<double>();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                latencies.Add((await api.TimeQueryAsync(QueryString(QueryNumber(n)))).TotalMilliseconds);
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return latencies;
    }

    private void ReportQueries(List<double> latencies, List<CustomerApi.Row> rows)
    {
        var queries = Enumerable.Range(0, Math.Max(latencies.Count, 200)).Select(QueryNumber).ToList();
        var baseline = InMemoryListQuery.P99Ms(rows, queries);
        var p99 = Statistics.Percentile(latencies, 99);
        log.WriteLine($"  directory query during the storm: p50 {Statistics.Median(latencies):0.0} ms, p99 {p99:0.0} ms over {latencies.Count} queries; in-memory list p99 {baseline:0.00} ms");
        results.Add(new Measurement("directory query", fleet, $"p50 over {latencies.Count} API queries", "ms", [Statistics.Median(latencies)]));
        results.Add(new Measurement("directory query", fleet, "p99 during the alarm storm", "ms", [p99], baseline, "< 50 ms", p99 < 50, "HTTPS + JSON included; baseline is the query alone"));
    }

    private async Task FailoverAsync(BenchCluster cluster)
    {
        if (topology.Silos.Count < 3)
            return;
        await cluster.StartAllAsync();
        await using var sim = SimulatorRun.Start(environment, topology.Simulator, SimulatorPlan(cluster, storm: $"0:10,{plan.FailoverRate}:{plan.FailoverSeconds},0:60"), $"failover-{C}");
        using var api = new CustomerApi(cluster.Client(cluster.Silo(1)));
        _ = await api.WaitGreenAsync(C, sim.Started, ConnectTimeout) ?? throw Failure("fleet not green before the failover", sim);
        // The first step is quiet: what COM shows now is what earlier runs left.
        await WaitAsync(() => sim.Step >= 0 ? 1.0 : null, ConnectTimeout, sim);
        var before = await OngoingAsync(api);
        await WaitAsync(() => sim.Step >= 1 ? 1.0 : null, ConnectTimeout, sim);
        await Task.Delay(TimeSpan.FromSeconds(20));
        var killedAt = DateTime.UtcNow;
        var sinceStart = (killedAt - sim.Started).TotalSeconds;
        cluster.Kill(3);
        // The dip shows in the simulator's next lines; then wait for every link to be back.
        await WaitAsync(() => sim.Seconds().Any(s => s.GetProperty("t").GetDouble() > sinceStart && s.GetProperty("connected").GetInt32() < C) ? 1.0 : null, TimeSpan.FromSeconds(30), sim);
        var relinked = await WaitAsync(() => sim.FirstTimeConnected(C, after: sinceStart + 1), TimeSpan.FromMinutes(3), sim) - sinceStart;
        var green = await api.WaitGreenAsync(C, killedAt, TimeSpan.FromMinutes(3)) ?? throw Failure("not all green after the failover", sim);
        var lowest = sim.Seconds().Where(s => s.GetProperty("t").GetDouble() > sinceStart).Min(s => s.GetProperty("connected").GetInt32());
        log.WriteLine($"  failover: {C - lowest} links dropped; all relinked after {relinked:0.0} s, all green after {green:0.0} s");
        results.Add(new Measurement("failover", fleet, $"kill -9 of 1 of 3 silos ({C - lowest} links dropped): all relinked", "s", [relinked], Target: "≤ 30 s", Met: relinked <= 30));
        results.Add(new Measurement("failover", fleet, "all green in the directory after the kill", "s", [green], Target: "≤ 30 s", Met: green <= 30));
        await CheckLedgerAsync(sim, api, "failover", before);
        await sim.StopAsync();
    }

    /// <summary>After the storm, what each device believes is ongoing must be what COM shows: a difference is a lost alarm.</summary>
    private async Task CheckLedgerAsync(SimulatorRun sim, CustomerApi api, string scenario, Dictionary<string, int> before)
    {
        await WaitAsync(() => File.Exists(sim.LedgerPath) ? 1.0 : null, TimeSpan.FromMinutes(3), sim);
        // The directory copy trails the grains by its notification interval.
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var ledger = JsonDocument.Parse(await File.ReadAllTextAsync(sim.LedgerPath));
        var shown = (await api.AllAsync()).ToDictionary(r => r.CustomerId, r => r.OngoingAlarms);
        var wrong = 0;
        var missing = 0;
        foreach (var customer in ledger.RootElement.GetProperty("customers").EnumerateObject())
        {
            var expected = customer.Value.GetInt32();
            // Alarms an earlier simulator run left open are still ongoing in COM; only this run's are in the ledger.
            var actual = shown.GetValueOrDefault(customer.Name) - before.GetValueOrDefault(customer.Name);
            if (actual != expected)
            {
                wrong++;
                missing += Math.Abs(expected - actual);
            }
        }
        var unacked = ledger.RootElement.GetProperty("unacked").GetInt32();
        var ongoing = ledger.RootElement.GetProperty("customers").EnumerateObject().Sum(c => c.Value.GetInt32());
        log.WriteLine($"  {scenario}: {ongoing} ongoing alarms on the devices; {wrong} customers differ in COM ({missing} alarms); {unacked} unacknowledged");
        results.Add(new Measurement(scenario, fleet, $"alarms lost or wrong ({ongoing} ongoing on the devices)", "", [missing], Target: "0", Met: missing == 0 && unacked == 0,
            Note: $"{wrong} customers differ, {unacked} unacknowledged at the end"));
    }

    private static async Task<Dictionary<string, int>> OngoingAsync(CustomerApi api) =>
        (await api.AllAsync()).ToDictionary(r => r.CustomerId, r => r.OngoingAlarms);

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;

    private static async Task<double> WaitAsync(Func<double?> probe, TimeSpan timeout, SimulatorRun sim)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value)
                return value;
            if (sim.HasExited)
                throw Failure("the simulator ended early", sim);
            await Task.Delay(200);
        }
        throw Failure($"timed out after {timeout}", sim);
    }

    private static InvalidOperationException Failure(string what, SimulatorRun sim) => new($"{what}; simulator output:\n{sim.Tail()}");
}
