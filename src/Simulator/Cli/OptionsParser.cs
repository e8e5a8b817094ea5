using System.Globalization;

namespace Com.Simulator;

/// <summary>The outcome of reading the command line: options, a request for help, or what is wrong.</summary>
internal sealed record ParsedCommandLine(SimulatorOptions? Options, bool ShowHelp = false, string? Error = null);

/// <summary>Reads <c>--name value</c> and <c>--name=value</c> options.</summary>
internal static class OptionsParser
{
    private const int MaxCustomers = 100_000;
    private const int MaxServersLimit = 32;
    // A cancellation timer cannot reach further than about 49 days.
    private const int MaxDurationSeconds = 30 * 24 * 3600;
    // A ustar entry holds at most 8 GiB; half of that is far beyond any backup COM takes.
    private const long MaxBackupBytes = 4L * 1024 * 1024 * 1024;

    public static ParsedCommandLine Parse(IReadOnlyList<string> args, string? tokenFromEnvironment)
    {
        var options = new SimulatorOptions { Token = NullIfEmpty(tokenFromEnvironment) };
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var (name, inlineValue) = Split(args[i]);
                if (name is "--help" or "-h" or "-?")
                    return new ParsedCommandLine(null, ShowHelp: true);
                if (name == "--provision-only" && inlineValue is null)
                {
                    options = options with { ProvisionOnly = true };
                    continue;
                }
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value."));
                options = Apply(options, name, value);
            }
            return new ParsedCommandLine(Validate(options));
        }
        catch (FormatException e)
        {
            return new ParsedCommandLine(null, Error: e.Message);
        }
    }

    private static SimulatorOptions Apply(SimulatorOptions options, string name, string value) => name switch
    {
        "--link" => options with { Links = SecureUris(name, value, "wss") },
        "--api" => options with { Api = SecureUri(name, value, "https") },
        "--token" => options with { Token = NullIfEmpty(value) },
        "--trust" => options with { TrustPath = value },
        "--customers" => options with { Customers = Whole(name, value, 1, MaxCustomers) },
        "--max-servers" => options with { MaxServers = Whole(name, value, 1, MaxServersLimit) },
        "--faults" => options with { Faults = value },
        "--alarm-rate" => options with { AlarmsPerMinute = Rate(name, value) },
        "--seed" => options with { Seed = Whole(name, value, int.MinValue, int.MaxValue) },
        "--fleet-file" => options with { FleetFile = value },
        "--name-prefix" => options with { NamePrefix = value.Trim().Length > 0 ? value.Trim() : throw new FormatException("--name-prefix must not be empty.") },
        "--connect-rate" => options with { ConnectsPerSecond = Whole(name, value, 1, MaxCustomers) },
        "--duration" => options with { Duration = TimeSpan.FromSeconds(Whole(name, value, 0, MaxDurationSeconds)) },
        "--alarm-storm" => options with { AlarmStorm = StormPlan.Parse(value, MaxDurationSeconds) },
        "--storm-wait" => options with { StormWait = TimeSpan.FromSeconds(Whole(name, value, 0, MaxDurationSeconds)) },
        "--stats" => options with { StatsPath = FilePath(name, value) },
        "--ledger" => options with { LedgerPath = FilePath(name, value) },
        "--config-change-seconds" => options with { ConfigChangePeriod = TimeSpan.FromSeconds(Whole(name, value, 1, int.MaxValue)) },
        "--backup-size" => options with { BackupSize = ByteSize.Parse(name, value, MaxBackupBytes) },
        "--backup-fault" => options with { BackupFaults = BackupFaults.Add(options.BackupFaults, value) },
        "--time-zone" => options with { TimeZone = TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone) && zone.HasIanaId
            ? value
            : throw new FormatException($"--time-zone '{value}' is not an IANA time zone such as Europe/Paris or UTC.") },
        "--tunnel-map" => options with { TunnelMapPath = FilePath(name, value) },
        "--web-manager-port" => options with { WebManagerPorts = [.. options.WebManagerPorts, Whole(name, value, 1, 65535)] },
        _ => throw new FormatException($"Unknown option '{name}'."),
    };

    private static SimulatorOptions Validate(SimulatorOptions options)
    {
        var faults = FaultPlanFor(options);
        if (faults.Total > options.Customers)
            throw new FormatException($"--faults needs {faults.Total} customers but --customers is {options.Customers}.");
        if (options.BackupFaults.Keys.Where(i => i >= options.Customers).Order().FirstOrDefault(-1) is var beyond and >= 0)
            throw new FormatException($"--backup-fault names customer {beyond}, but with --customers {options.Customers} the indexes are 0 to {options.Customers - 1}.");
        // Both files are replaced while the run goes on; one path for both would leave neither readable.
        if (options.StatsPath is { } stats && options.LedgerPath is { } ledger
            && string.Equals(Path.GetFullPath(stats), Path.GetFullPath(ledger), StringComparison.Ordinal))
            throw new FormatException("--stats and --ledger must be different files.");
        return options;
    }

    /// <summary>The fault plan the options ask for.</summary>
    public static FaultPlan FaultPlanFor(SimulatorOptions options) =>
        options.Faults is null ? FaultPlan.DemoDefault(options.Customers) : FaultPlan.Parse(options.Faults);

    private static (string Name, string? Value) Split(string argument)
    {
        if (!argument.StartsWith('-'))
            throw new FormatException($"Unexpected argument '{argument}'; options start with --.");
        var at = argument.IndexOf('=', StringComparison.Ordinal);
        return at < 0 ? (argument, null) : (argument[..at], argument[(at + 1)..]);
    }

    // Plain ws:// or http:// would send the service passwords in clear text, so they are not offered.
    private static Uri SecureUri(string name, string value, string scheme) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == scheme
            ? uri
            : throw new FormatException($"{name} must be an absolute {scheme}:// URL, not '{value}'.");

    // A device configured with several COM addresses tries them in turn, so the list keeps its order and repeats.
    private static List<Uri> SecureUris(string name, string value, string scheme)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        return parts.Any(p => p.Length == 0)
            ? throw new FormatException($"{name} takes {scheme}:// URLs separated by commas, with none empty, not '{value}'.")
            : parts.Select(p => SecureUri(name, p, scheme)).ToList();
    }

    private static string FilePath(string name, string value) =>
        value.Trim().Length > 0 ? value : throw new FormatException($"{name} needs a file path.");

    private static int Whole(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{name} must be a whole number from {min} to {max}, not '{value}'.");

    private static double Rate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r >= 0 && double.IsFinite(r)
            ? r
            : throw new FormatException($"{name} must be a number of 0 or more (e.g. 0.5), not '{value}'.");

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
