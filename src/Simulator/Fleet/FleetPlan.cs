using System.Globalization;

namespace Com.Simulator;

/// <summary>What shapes a fleet; the same options always give the same fleet.</summary>
public sealed record FleetPlanOptions(int Customers, int MaxServers, FaultPlan Faults, int Seed, string NamePrefix);

/// <summary>The customers a simulator run plays, drawn deterministically from a seed.</summary>
public sealed class FleetPlan
{
    private static readonly string[] Resellers = ["Northwind Telecom", "Contoso Voice", "Fabrikam Networks", "Tailspin Comms"];
    private static readonly string[] Distributors = ["Adventure Works Distribution", "Wide World Distribution"];
    private static readonly string[] FirstNames = ["Alice", "Bruno", "Chloe", "Dmitri", "Emma", "Farid", "Greta", "Hugo"];
    private static readonly string[] LastNames = ["Martin", "Okafor", "Schmidt", "Rossi", "Dubois", "Nguyen", "Silva"];

    private FleetPlan(IReadOnlyList<CustomerPlan> customers) => Customers = customers;

    public IReadOnlyList<CustomerPlan> Customers { get; }

    public static FleetPlan Build(FleetPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Customers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxServers, 1);
        var faults = options.Faults.Assign(options.Customers, options.Seed);
        var width = Math.Max(3, options.Customers.ToString(CultureInfo.InvariantCulture).Length);
        var customers = new List<CustomerPlan>(options.Customers);
        for (var i = 0; i < options.Customers; i++)
        {
            var name = $"{options.NamePrefix} {(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}";
            customers.Add(Customer(new Random(DerivedSeed(options.Seed, i)), i, name, options.MaxServers, faults[i]));
        }
        return new FleetPlan(customers);
    }

    private static CustomerPlan Customer(Random random, int index, string name, int maxServers, Fault fault)
    {
        var serverCount = 1 + random.Next(maxServers);
        // The offline server must not be the primary, which reports it.
        if (fault == Fault.OfflineServer)
            serverCount = Math.Max(2, serverCount);
        var (system, servers) = NetworkGenerator.Create(random, index, serverCount, fault == Fault.Legacy);
        var flags = FeatureGenerator.Flags(random);
        var tunnels = FeatureGenerator.Tunnels(random, index, flags);
        var first = random.Pick(FirstNames);
        var last = random.Pick(LastNames);
        var contact = new ContactPlan($"{first} {last}", $"{first}.{last}@example.com".ToLowerInvariant());
        return new CustomerPlan(index, name, random.Pick(Resellers), random.Pick(Distributors), contact, system, servers, flags, tunnels, fault);
    }

    // Each customer draws from its own generator, so one customer's fault or size never changes the next
    // customer's network. SplitMix64 spreads neighbouring indexes, whose plain seeds would start alike.
    private static int DerivedSeed(int seed, int index)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }
}
