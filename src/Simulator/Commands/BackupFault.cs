using System.Globalization;

namespace Com.Simulator;

/// <summary>How a device misbehaves when COM sends it a command (<c>--backup-fault</c>).</summary>
public enum BackupFault
{
    None = 0,
    /// <summary>Tears the transfer about half way and answers ok:false, "disk full on …".</summary>
    FailMidway,
    /// <summary>Drops its link abruptly about half way through the transfer, then reconnects as after any drop.</summary>
    DisconnectMidway,
    /// <summary>Ignores every command: no progress, no result.</summary>
    NeverAnswer,
}

/// <summary>Reads <c>&lt;kind&gt;:&lt;customer indexes&gt;</c>, e.g. <c>fail-midway:3,7</c>.</summary>
public static class BackupFaults
{
    private static readonly (BackupFault Fault, string Name)[] Names =
    [
        (BackupFault.FailMidway, "fail-midway"),
        (BackupFault.DisconnectMidway, "disconnect-midway"),
        (BackupFault.NeverAnswer, "never-answer"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    /// <summary>Adds one option's customers to <paramref name="faults"/>; a customer given two faults is an error.</summary>
    /// <exception cref="FormatException">The value is not <c>kind:index,index,…</c>.</exception>
    public static IReadOnlyDictionary<int, BackupFault> Add(IReadOnlyDictionary<int, BackupFault> faults, string value)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? value.Trim() : value[..colon].Trim();
        var fault = Names.FirstOrDefault(n => string.Equals(n.Name, kind, StringComparison.OrdinalIgnoreCase)).Fault;
        if (fault == BackupFault.None)
            throw new FormatException($"--backup-fault kind must be one of {string.Join(", ", All)}, not '{kind}' (e.g. fail-midway:3,7).");
        if (colon < 0 || value[(colon + 1)..].Trim().Length == 0)
            throw new FormatException($"--backup-fault {kind} needs customer indexes after a colon, e.g. {kind}:3,7.");
        var result = new Dictionary<int, BackupFault>(faults);
        foreach (var part in value[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                throw new FormatException($"--backup-fault takes customer indexes (0, 1, …) separated by commas, not '{part}'.");
            if (result.TryGetValue(index, out var other) && other != fault)
                throw new FormatException($"--backup-fault gives customer {index} two faults, {NameOf(other)} and {kind}.");
            result[index] = fault;
        }
        return result;
    }

    public static string NameOf(BackupFault fault) =>
        fault == BackupFault.None ? "none" : Names.First(n => n.Fault == fault).Name;
}
