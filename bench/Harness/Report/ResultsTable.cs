using System.Globalization;
using System.Text;

namespace Com.Harness;

/// <summary>Appends a dated table of measurements, with the machine and the command, to docs/benchmarks.md.</summary>
public static class ResultsTable
{
    public static string Render(IReadOnlyList<Measurement> rows, string command, string topology)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Scale benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: `{command}`");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine()}. Placement: {topology}.");
        text.AppendLine();
        text.AppendLine("| scenario | customers / servers | measure | COM median (min–max, runs) | baseline | ratio | target |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var spread = row.Com.Count > 1 ? $" ({Number(row.Com.Min())}–{Number(row.Com.Max())}, {row.Com.Count})" : row.Com.Count == 1 ? " (1)" : "";
            var com = row.Com.Count == 0 ? "—" : $"{Number(row.Median)} {row.Unit}{spread}";
            var baseline = row.Baseline is { } b ? $"{Number(b)} {row.Unit}" : "";
            var ratio = row.Ratio is { } r ? $"{Number(r)}×" : "";
            var target = row.Met switch { true => $"{row.Target} ✔", false => $"{row.Target} ✘", _ => row.Target };
            var note = row.Note.Length > 0 ? $" ({row.Note})" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Scenario} | {row.Fleet} | {row.Measure}{note} | {com} | {baseline} | {ratio} | {target} |");
        }
        return text.ToString();
    }

    public static void Append(string path, string table)
    {
        const string Heading = "## Scale benchmark results";
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        if (!existing.Contains(Heading, StringComparison.Ordinal))
            existing = existing.TrimEnd() + $"\n\n{Heading}\n\nAppended by `./com bench`; newest last.\n";
        File.WriteAllText(path, existing.TrimEnd() + "\n\n" + table);
    }

    public static string Number(double value) => value switch
    {
        double.NaN => "n/a",
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var gigabytes = long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
        return $"{Environment.ProcessorCount} cores ({model}), {gigabytes:0} GB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
