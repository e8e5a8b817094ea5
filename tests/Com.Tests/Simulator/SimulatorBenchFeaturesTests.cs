using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Com.DeviceProtocol;
using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Simulator;

/// <summary>
/// What a benchmark harness relies on: several link addresses, alarm ids and acks, the alarm storm, the stats
/// file and the ledger. The simulator runs as a child process, as the harness runs it.
/// </summary>
[Trait("Category", "Process")]
public sealed class SimulatorBenchFeaturesTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string SimulatorDll => Path.Combine(AppContext.BaseDirectory, "Com.Simulator.dll");

    [Fact]
    public void Options_SeveralLinksAndBenchmarkOptions_AreRead()
    {
        var parsed = OptionsParser.Parse(
            ["--link", "wss://a.example:7443/cpe/link, wss://b.example:7443/cpe/link", "--alarm-storm", "2000:30, 0:10,0.5:5",
             "--storm-wait=45", "--stats", "out/stats.jsonl", "--ledger", "out/ledger.json"], null);

        parsed.Error.ShouldBeNull();
        var options = parsed.Options.ShouldNotBeNull();
        options.Links.Select(l => l.Host).ShouldBe(["a.example", "b.example"]);
        options.AlarmStorm.ShouldNotBeNull().Steps.ShouldBe([new StormStep(2000, 30), new StormStep(0, 10), new StormStep(0.5, 5)]);
        options.StormWait.ShouldBe(TimeSpan.FromSeconds(45));
        options.StatsPath.ShouldBe("out/stats.jsonl");
        options.LedgerPath.ShouldBe("out/ledger.json");
    }

    [Fact]
    public void Options_OneLinkAndNoBenchmarkOptions_KeepTodaysDefaults()
    {
        var options = OptionsParser.Parse(["--link", "wss://com.example:7443/cpe/link"], null).Options.ShouldNotBeNull();

        options.Links.ShouldHaveSingleItem().ShouldBe(new Uri("wss://com.example:7443/cpe/link"));
        options.AlarmStorm.ShouldBeNull();
        options.StormWait.ShouldBe(TimeSpan.FromSeconds(300));
        options.StatsPath.ShouldBeNull();
        options.LedgerPath.ShouldBeNull();
    }

    [Theory]
    [InlineData("--link", "wss://a.example/cpe/link,,wss://b.example/cpe/link", "--link")]
    [InlineData("--link", "wss://a.example/cpe/link,ws://b.example/cpe/link", "--link")]
    [InlineData("--alarm-storm", "200", "--alarm-storm")]
    [InlineData("--alarm-storm", "200:3,", "--alarm-storm")]
    [InlineData("--alarm-storm", "-5:3", "--alarm-storm")]
    [InlineData("--alarm-storm", "fast:3", "--alarm-storm")]
    [InlineData("--alarm-storm", "200:0", "--alarm-storm")]
    [InlineData("--alarm-storm", "200:1.5", "--alarm-storm")]
    [InlineData("--storm-wait", "-1", "--storm-wait")]
    [InlineData("--storm-wait", "soon", "--storm-wait")]
    [InlineData("--stats", " ", "--stats")]
    [InlineData("--ledger", "", "--ledger")]
    public void Options_BadBenchmarkValue_IsNamedInTheError(string option, string value, string named)
    {
        var parsed = OptionsParser.Parse([option, value], null);

        parsed.Options.ShouldBeNull();
        parsed.Error.ShouldNotBeNull().ShouldContain(named);
    }

    [Fact]
    public void Options_StatsAndLedgerInOneFile_AreRefused()
    {
        var parsed = OptionsParser.Parse(["--stats", "same.json", "--ledger", "./same.json"], null);

        parsed.Error.ShouldNotBeNull().ShouldContain("different files");
    }

    [Theory]
    [InlineData("--alarm-storm", "2000")]
    [InlineData("--storm-wait", "later")]
    [InlineData("--link", "wss://a.example/cpe/link,https://b.example/cpe/link")]
    [InlineData("--stats")]
    public async Task Process_BadBenchmarkOption_ExitsWithCode1AndSaysWhich(params string[] args)
    {
        var (exitCode, output) = await RunToExitAsync(args);

        exitCode.ShouldBe(1, output);
        output.ShouldContain($"error: {args[0]}");
    }

    [Fact]
    public void LinkRotation_StartsOnIndexModCountAndMovesOnInTurn()
    {
        Uri[] links = [new("wss://a/cpe/link"), new("wss://b/cpe/link"), new("wss://c/cpe/link")];

        Enumerable.Range(0, 6).Select(i => new LinkRotation(links, i).Current.Host).ShouldBe(["a", "b", "c", "a", "b", "c"]);
        var rotation = new LinkRotation(links, 2);
        var visited = new List<string>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            visited.Add(rotation.Current.Host);
            rotation.MoveOn();
        }
        visited.ShouldBe(["c", "a", "b", "c"]);
    }

    [Fact]
    public void StormAlarms_KeepAtMostFourOpenAndClearTheOldestAsRaised()
    {
        var customer = FleetPlan.Build(new FleetPlanOptions(1, 3, FaultPlan.None, 7, "Storm unit")).Customers[0];
        var storm = new StormAlarms([customer], new Random(3));
        var open = new List<AlarmMessage>();

        for (var n = 0; n < 2000; n++)
        {
            var alarm = storm.NextEvent(0);
            if (alarm.Ongoing)
            {
                open.ShouldNotContain(o => o.Description == alarm.Description, "each storm alarm has a description of its own");
                customer.Servers.Select(s => s.Name).ShouldContain(alarm.Server);
                open.Add(alarm);
            }
            else
            {
                alarm.ShouldBe(open[0] with { Ongoing = false }, "a clear repeats the oldest open alarm");
                open.RemoveAt(0);
            }
            open.Count.ShouldBeLessThanOrEqualTo(4);
        }
    }

    [Fact]
    public void LatencySummary_NearestRankPercentiles_AndNullsWhenEmpty()
    {
        var summary = LatencySummary.Of([.. Enumerable.Range(1, 200).Select(i => (double)i).Reverse()]);

        summary.ShouldBe(new LatencySummary(200, 100, 198, 200));
        LatencySummary.Of([]).ShouldBe(new LatencySummary(0, null, null, null));
    }

    [Fact]
    public async Task Outbox_AlarmsQueuedWithoutALink_GoOutInOrderOnTheWelcome_OnlyTheNewestAboutEachAlarm_AndAreAcked()
    {
        var id = await com.ProvisionAsync("Bench outbox customer", "Pbx-Bench-1");
        await using var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(Hellos.Healthy(id, "Pbx-Bench-1"), Wait);
        var counters = new FleetCounters(1);
        var outbox = new AlarmOutbox(7, counters, new AckLatencyRecorder());
        var first = new AlarmMessage(null, "primary", "major", "trunk", "Trunk 1 down", Ongoing: true);

        await outbox.Send(first, fromStorm: true);
        await outbox.Send(first with { Server = "secondary" }, fromStorm: true);
        await outbox.Send(first with { Ongoing = false }, fromStorm: true);
        outbox.Unacknowledged.ShouldBe(2, "nothing goes out without a link, and the clear replaced the raise of the same alarm");
        outbox.Attach(device);

        var acked = new List<string>();
        while (acked.Count < 2)
        {
            var (type, json) = await device.ReceiveAsync(Wait);
            if (type != MessageTypes.Ack || JsonSerializer.Deserialize(json, ProtocolJson.Default.AckMessage) is not { Id: { } ackId })
                continue;
            acked.Add(ackId);
            outbox.Acknowledge(ackId);
        }
        acked.ShouldBe(["a-7-2", "a-7-3"]);
        outbox.Unacknowledged.ShouldBe(0);
        outbox.OpenAlarms.ShouldBe(1);
        (counters.AlarmsSent, counters.AlarmsAcked, counters.Unacknowledged).ShouldBe((3L, 2L, 0L));
        (await com.CustomerAsync(id)).GetProperty("ongoingAlarms").GetInt32().ShouldBe(1, "only the second server's alarm is ongoing on the device");
    }

    [Fact]
    public async Task SeveralLinks_FirstOneClosed_EveryDeviceConnectsThroughTheOther()
    {
        using var work = new TempDirectory();
        var closed = new Uri($"wss://localhost:{TcpForwarder.FreePort()}/cpe/link");
        var stats = work.File("stats.jsonl");

        await using var simulator = SimulatorRun.Start(Arguments(work, "Bench two links", customers: 6,
            "--link", $"{closed},{com.Silo.LinkUri}", "--stats", stats));

        var line = await simulator.WaitForStatsAsync(stats, l => Number(l, "connected") == 6, TimeSpan.FromSeconds(60));
        Number(line, "refused").ShouldBe(0);
        simulator.Output.ShouldContain($"warning: COM's device link at {closed}");
        await simulator.StopAsync();
    }

    [Fact]
    public async Task Storm_AgainstARealSilo_WritesStatsStepEndAndALedgerMatchingCom()
    {
        using var work = new TempDirectory();
        var (stats, ledger) = (work.File("stats.jsonl"), work.File("ledger.json"));

        await using var simulator = SimulatorRun.Start(Arguments(work, "Bench storm", customers: 20,
            "--alarm-storm", "200:3", "--storm-wait", "60", "--stats", stats, "--ledger", ledger, "--duration", "300"));

        var stepEnd = await simulator.WaitForStatsAsync(stats, l => l.TryGetProperty("stepEnd", out _), TimeSpan.FromSeconds(90));
        Number(stepEnd, "stepEnd").ShouldBe(0);
        Number(stepEnd, "rate").ShouldBe(200);
        Number(stepEnd, "seconds").ShouldBe(3);
        var sent = Number(stepEnd, "sent");
        sent.ShouldBeInRange(400, 800, "a Poisson storm of 200 a second for 3 s");
        Number(stepEnd, "acked").ShouldBeGreaterThan(sent / 2, simulator.Output);
        stepEnd.GetProperty("ackP99Ms").ValueKind.ShouldBe(JsonValueKind.Number);

        // Written once COM has acknowledged every alarm after the storm.
        var settled = await simulator.WaitForFileAsync(ledger, TimeSpan.FromSeconds(30));
        settled.GetProperty("unacked").GetInt32().ShouldBe(0);
        var believed = settled.GetProperty("customers").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32());
        believed.Count.ShouldBe(20);
        believed.Values.Sum().ShouldBeGreaterThan(0);
        foreach (var (customerId, open) in believed)
            (await com.CustomerAsync(customerId)).GetProperty("ongoingAlarms").GetInt32().ShouldBe(open, $"customer {customerId}");

        var lastSecond = (await SimulatorRun.ReadStatsAsync(stats)).Last(l => l.TryGetProperty("t", out _));
        // A clear sent before the raise it ends was acknowledged replaces that raise, which is then never acknowledged.
        (Number(lastSecond, "alarmsAcked") + Number(lastSecond, "alarmsSuperseded")).ShouldBe(Number(lastSecond, "alarmsSent"));
        Number(lastSecond, "alarmsSent").ShouldBe(sent);
        Number(lastSecond, "unacked").ShouldBe(0);
        Number(lastSecond, "step").ShouldBe(-1);

        (await simulator.StopAsync()).ShouldBe(0, simulator.Output);
        var final = JsonDocument.Parse(await File.ReadAllTextAsync(ledger)).RootElement;
        final.GetProperty("written").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(settled.GetProperty("written").GetDateTimeOffset());
        final.GetProperty("customers").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32()).ShouldBe(believed);
    }

    [Fact]
    public async Task ProvisionOnly_CreatesTheFleetAndWritesItsFile_ThenStopsWithoutLinking()
    {
        using var work = new TempDirectory();

        var (exitCode, output) = await RunToExitAsync(Arguments(work, "Bench provision only", customers: 40, "--provision-only"));

        exitCode.ShouldBe(0, output);
        output.ShouldContain("not linking");
        var fleet = new FleetFile(work.File("fleet.json")).Load();
        fleet.Count.ShouldBe(40, "every customer created must be in the fleet file, or the next run cannot link it");
        foreach (var entry in fleet.Values.Take(5))
            (await com.CustomerAsync(entry.CustomerId)).GetProperty("connectivity").GetString().ShouldBe("AwaitingInitialConnection");
    }

    private string[] Arguments(TempDirectory work, string prefix, int customers, params string[] more) =>
    [
        "--api", $"https://localhost:{com.Silo.WebPort}/com/api/",
        "--link", com.Silo.LinkUri.ToString(),
        "--token", ComDeployment.Token,
        "--trust", Path.ChangeExtension(com.Silo.CertificatePath, ".crt"),
        "--fleet-file", work.File("fleet.json"),
        "--name-prefix", prefix,
        "--customers", customers.ToString(CultureInfo.InvariantCulture),
        "--faults", "none",
        .. more,
    ];

    private static long Number(JsonElement line, string name) => (long)line.GetProperty(name).GetDouble();

    private static async Task<(int ExitCode, string Output)> RunToExitAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [SimulatorDll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var run = Process.Start(start)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (run.ExitCode, await stdout + await stderr);
    }

    /// <summary>A scratch directory for one test's fleet, stats and ledger files.</summary>
    private sealed class TempDirectory : IDisposable
    {
        private readonly string path = Directory.CreateTempSubdirectory("com-sim-bench").FullName;

        public string File(string name) => Path.Combine(path, name);

        public void Dispose() => Directory.Delete(path, recursive: true);
    }

    /// <summary>The simulator as a child process, stopped with SIGTERM as the harness stops it.</summary>
    private sealed class SimulatorRun : IAsyncDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();

        private SimulatorRun(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Output { get { lock (output) return output.ToString(); } }

        public static SimulatorRun Start(string[] args) =>
            new(Process.Start(new ProcessStartInfo("dotnet", [SimulatorDll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true })!);

        /// <summary>The stats lines so far; a line still being written is left out.</summary>
        public static async Task<List<JsonElement>> ReadStatsAsync(string path)
        {
            if (!System.IO.File.Exists(path))
                return [];
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = new List<JsonElement>();
            while (await reader.ReadLineAsync() is { } line)
            {
                try
                {
                    lines.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
                catch (JsonException)
                {
                    break;
                }
            }
            return lines;
        }

        public async Task<JsonElement> WaitForStatsAsync(string path, Func<JsonElement, bool> wanted, TimeSpan timeout,
            [CallerArgumentExpression(nameof(wanted))] string what = "")
        {
            var look = await WhileRunningAsync(async () =>
            {
                var lines = await ReadStatsAsync(path);
                return new StatsLook(lines.FirstOrDefault(wanted), lines.Count > 0 ? lines[^1].GetRawText() : "none");
            }, l => l.Match.ValueKind == JsonValueKind.Object, timeout, $"a stats line where {what}");
            return look.Match;
        }

        private sealed record StatsLook(JsonElement Match, string LastLine)
        {
            public override string ToString() => $"last stats line {LastLine}";
        }

        public async Task<JsonElement> WaitForFileAsync(string path, TimeSpan timeout)
        {
            await WhileRunningAsync(() => Task.FromResult(System.IO.File.Exists(path)), exists => exists, timeout, $"{path} to be written");
            return JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(path)).RootElement.Clone();
        }

        /// <summary>Waits as <see cref="Eventually"/> does, but gives up at once when the simulator has exited, and tells its output.</summary>
        private async Task<T> WhileRunningAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
        {
            try
            {
                var value = await Eventually.GetAsync(probe, v => done(v) || process.HasExited, timeout, what);
                if (!done(value))
                    throw new InvalidOperationException($"the simulator exited with {process.ExitCode} before {what}:\n{Output}");
                return value;
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\n{Output}", e);
            }
        }

        /// <summary>SIGTERM, then the exit code once the simulator has closed its links.</summary>
        public async Task<int> StopAsync()
        {
            if (!process.HasExited)
            {
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync();
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
