using System.Globalization;
using System.Text.Json;

namespace Com.Harness.Cluster;

/// <summary>The simulator as a child process on its host, with the per-second stats lines it writes.</summary>
public sealed class SimulatorRun : IAsyncDisposable
{
    private readonly ManagedProcess process;
    private readonly string statsPath;

    private SimulatorRun(ManagedProcess process, string statsPath, string ledgerPath)
    {
        this.process = process;
        this.statsPath = statsPath;
        LedgerPath = ledgerPath;
    }

    public string LedgerPath { get; }

    public int Pid => process.Pid;

    public DateTime Started { get; } = DateTime.UtcNow;

    public sealed record Plan(IReadOnlyList<Uri> Links, Uri Api, string Token, string Trust, string FleetFile, int Customers, string? Storm = null, string Faults = "none", int ConnectRate = 100000, int Duration = 0, bool ProvisionOnly = false)
    {
        /// <summary>More options as they are, e.g. <c>--backup-size 500M</c> for the backup scenarios.</summary>
        public IReadOnlyList<string> Extra { get; init; } = [];
    }

    public static SimulatorRun Start(BenchEnvironment environment, BenchHost host, Plan plan, string name)
    {
        var folder = Path.Combine(environment.WorkDirectory, "runs");
        Directory.CreateDirectory(folder);
        var stats = Path.Combine(folder, $"{name}.stats.jsonl");
        var ledger = Path.Combine(folder, $"{name}.ledger.json");
        File.Delete(stats);
        File.Delete(ledger);
        List<string> arguments =
        [
            Path.Combine(environment.SimulatorDirectory, "Com.Simulator.dll"),
            "--link", string.Join(',', plan.Links),
            "--api", plan.Api.ToString(),
            "--token", plan.Token,
            "--trust", plan.Trust,
            "--customers", Text(plan.Customers),
            // One to five servers each: three per customer on average, the seed's ratio.
            "--max-servers", "5",
            "--faults", plan.Faults,
            "--fleet-file", plan.FleetFile,
            "--name-prefix", "Bench customer",
            "--connect-rate", Text(plan.ConnectRate),
            "--stats", stats,
            "--ledger", ledger,
        ];
        if (plan.ProvisionOnly)
            arguments.Add("--provision-only");
        if (plan.Duration > 0)
            arguments.AddRange(["--duration", Text(plan.Duration)]);
        if (plan.Storm is not null)
            arguments.AddRange(["--alarm-storm", plan.Storm, "--storm-wait", "600"]);
        arguments.AddRange(plan.Extra);
        return new SimulatorRun(new ManagedProcess($"simulator {name}", host.Command("dotnet", arguments)), stats, ledger);
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Tail() => process.Tail();

    /// <summary>The stats lines written so far (one a second, plus one at the end of each storm step).</summary>
    public IReadOnlyList<JsonElement> Stats()
    {
        if (!File.Exists(statsPath))
            return [];
        using var stream = new FileStream(statsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            try
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
                // The line being written right now.
            }
        }
        return lines;
    }

    public IEnumerable<JsonElement> Seconds() => Stats().Where(s => s.TryGetProperty("t", out _));

    public IEnumerable<JsonElement> StepEnds() => Stats().Where(s => s.TryGetProperty("stepEnd", out _));

    public int Connected => Seconds().LastOrDefault() is { ValueKind: JsonValueKind.Object } last ? last.GetProperty("connected").GetInt32() : 0;

    public int Step => Seconds().LastOrDefault() is { ValueKind: JsonValueKind.Object } last ? last.GetProperty("step").GetInt32() : -1;

    /// <summary>Seconds after the simulator started when it first had <paramref name="count"/> links welcomed.</summary>
    public double? FirstTimeConnected(int count, double after = 0) =>
        Seconds().Where(s => s.GetProperty("t").GetDouble() >= after && s.GetProperty("connected").GetInt32() >= count)
            .Select(s => (double?)s.GetProperty("t").GetDouble()).FirstOrDefault();

    public Task WaitForExitAsync(CancellationToken ct) => process.WaitForExitAsync(ct);

    public Task StopAsync() => process.StopAsync(TimeSpan.FromSeconds(60));

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
