namespace Com.Simulator;

/// <summary>How many customers get each fault, and which ones.</summary>
public sealed class FaultPlan
{
    // The kinds a demo shows first, in the order a small fleet receives them; the last two come round
    // again because an offline server and a flapping link are the states people most want to see.
    private static readonly Fault[] DemoOrder =
    [
        Fault.OfflineServer, Fault.WrongPassword, Fault.Legacy, Fault.Flapping, Fault.Locked,
        Fault.MissingUpgradeRight, Fault.NotPrimary, Fault.NeverConnect, Fault.Disabled, Fault.Expired,
        Fault.MustChangePassword, Fault.UnknownUser, Fault.OfflineServer, Fault.Flapping,
    ];

    // Leaves a demo mostly green: 14 faulty customers out of 50.
    private const double DemoShare = 0.28;

    private readonly Dictionary<Fault, int> _counts;

    private FaultPlan(Dictionary<Fault, int> counts) => _counts = counts;

    public static FaultPlan None { get; } = new([]);

    public IReadOnlyDictionary<Fault, int> Counts => _counts;

    public int Total => _counts.Values.Sum();

    /// <summary>A few of each visible kind, in proportion to the fleet.</summary>
    public static FaultPlan DemoDefault(int customers)
    {
        var budget = (int)Math.Round(customers * DemoShare, MidpointRounding.AwayFromZero);
        var counts = new Dictionary<Fault, int>();
        for (var i = 0; i < budget; i++)
        {
            var fault = DemoOrder[i % DemoOrder.Length];
            counts[fault] = counts.GetValueOrDefault(fault) + 1;
        }
        return new FaultPlan(counts);
    }

    /// <summary>Reads <c>wrong-password=2,legacy=3</c>; a name without a count means one; <c>none</c> means no faults.</summary>
    /// <exception cref="FormatException">The text names an unknown fault or a bad count.</exception>
    public static FaultPlan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new Dictionary<Fault, int>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Equals("none", StringComparison.OrdinalIgnoreCase))
                continue;
            var (name, countText) = entry.IndexOf('=', StringComparison.Ordinal) is var at and >= 0
                ? (entry[..at].Trim(), entry[(at + 1)..].Trim())
                : (entry, "1");
            if (!FaultNames.TryParse(name, out var fault))
                throw new FormatException($"Unknown fault '{name}'. Known faults: {string.Join(", ", FaultNames.All)}.");
            if (!int.TryParse(countText, out var count) || count < 0)
                throw new FormatException($"The count of fault '{name}' must be a whole number of 0 or more, not '{countText}'.");
            counts[fault] = counts.GetValueOrDefault(fault) + count;
        }
        return new FaultPlan(counts);
    }

    /// <summary>The fault of each customer by index; the same seed picks the same customers.</summary>
    public IReadOnlyList<Fault> Assign(int customers, int seed)
    {
        if (Total > customers)
            throw new ArgumentException($"The faults need {Total} customers but the fleet has only {customers}.", nameof(customers));
        var faults = new Fault[customers];
        var order = Enumerable.Range(0, customers).ToArray();
        // A random of its own, so changing the faults never changes the networks drawn from the fleet seed.
        new Random(unchecked((seed * 397) ^ 0x5eed)).Shuffle(order);
        var next = 0;
        foreach (var (fault, count) in _counts.OrderBy(c => c.Key))
        {
            for (var i = 0; i < count; i++)
                faults[order[next++]] = fault;
        }
        return faults;
    }
}
