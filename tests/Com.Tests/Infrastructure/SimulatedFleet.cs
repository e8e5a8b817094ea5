using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Com.Tests.Infrastructure;

/// <summary>
/// The real simulator as a child process playing a healthy fleet against every silo of a <see cref="ComDeployment"/>,
/// with its per-second stats and its ledger of the alarms each device holds open, as the benchmark harness runs it.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string work;

    private SimulatedFleet(Process process, string work)
    {
        this.process = process;
        this.work = work;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string StatsPath => Path.Combine(work, "stats.jsonl");

    public string LedgerPath => Path.Combine(work, "ledger.json");

    /// <summary>The customer IDs the simulator provisioned, in the order of its customer indexes; empty until it wrote them.</summary>
    public IReadOnlyList<string> CustomerIds()
    {
        var path = Path.Combine(work, "fleet.json");
        if (!File.Exists(path))
            return [];
        try
        {
            var json = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
            // Names end with the 1-based index, zero-padded: name order is index order.
            return [.. json.GetProperty("customers").EnumerateArray()
                .OrderBy(c => c.GetProperty("name").GetString(), StringComparer.Ordinal)
                .Select(c => c.GetProperty("customerId").GetString()!)];
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            // Being written right now.
            return [];
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>The simulator's last 40 lines of output, for failure messages.</summary>
    public string Tail
    {
        get
        {
            lock (output)
                return string.Join('\n', output.ToString().Split('\n').TakeLast(40));
        }
    }

    /// <summary>
    /// Creates <paramref name="customers"/> customers through the API, links them spread over every running silo and
    /// plays <paramref name="storm"/> (the <c>--alarm-storm</c> steps, none when null) once all are linked;
    /// <paramref name="extra"/> are more simulator options (backup faults, sizes …).
    /// </summary>
    public static SimulatedFleet Start(ComDeployment com, int customers, string? storm, string namePrefix, params string[] extra)
    {
        var work = Directory.CreateTempSubdirectory("com-fleet").FullName;
        var silo = com.Silo;
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "Com.Simulator.dll"),
            "--api", $"https://localhost:{silo.WebPort}/com/api/",
            "--link", string.Join(',', com.Silos.Where(s => !s.HasExited).Select(s => s.LinkUri)),
            "--token", ComDeployment.Token,
            "--trust", Path.ChangeExtension(silo.CertificatePath, ".crt"),
            "--fleet-file", Path.Combine(work, "fleet.json"),
            "--name-prefix", namePrefix,
            "--customers", customers.ToString(CultureInfo.InvariantCulture),
            "--max-servers", "3",
            "--faults", "none",
            "--connect-rate", "200",
            "--stats", Path.Combine(work, "stats.jsonl"),
            .. storm is null ? Array.Empty<string>() : ["--alarm-storm", storm, "--storm-wait", "600", "--ledger", Path.Combine(work, "ledger.json")],
            .. extra,
        ];
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        return new SimulatedFleet(Process.Start(start)!, work);
    }

    /// <summary>The last complete per-second stats line (<c>connected</c>, <c>alarmsSent</c>, <c>step</c>…).</summary>
    public async Task<FleetSecond> LastSecondAsync()
    {
        if (process.HasExited)
            throw new InvalidOperationException($"the simulator exited with {process.ExitCode}:\n{Tail}");
        if (!File.Exists(StatsPath))
            return FleetSecond.None;
        await using var stream = new FileStream(StatsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var last = FleetSecond.None;
        while (await reader.ReadLineAsync() is { } line)
        {
            try
            {
                var json = JsonDocument.Parse(line).RootElement;
                if (json.TryGetProperty("t", out _))
                    last = new FleetSecond(Number(json, "connected"), Number(json, "alarmsSent"), Number(json, "alarmsAcked"), Number(json, "unacked"), Number(json, "step"));
            }
            catch (JsonException)
            {
                // The line being written right now.
            }
        }
        return last;
    }

    /// <summary>
    /// The open alarms each device holds (by customer ID), once the simulator wrote its ledger: after the storm, when
    /// COM had acknowledged every alarm. Null until then.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>?> SettledLedgerAsync()
    {
        if (process.HasExited)
            throw new InvalidOperationException($"the simulator exited with {process.ExitCode}:\n{Tail}");
        if (!File.Exists(LedgerPath))
            return null;
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(LedgerPath)).RootElement;
        return json.GetProperty("unacked").GetInt32() != 0 ? null
            : json.GetProperty("customers").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32());
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(work, recursive: true);
    }

    private static long Number(JsonElement line, string name) => (long)line.GetProperty(name).GetDouble();
}

/// <summary>One second of the simulator's stats.</summary>
public sealed record FleetSecond(long Connected, long AlarmsSent, long AlarmsAcked, long Unacked, long Step)
{
    public static FleetSecond None { get; } = new(0, 0, 0, 0, -1);
}
