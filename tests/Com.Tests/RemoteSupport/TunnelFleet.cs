using Com.Grains.Interfaces.RemoteSupport;
using Com.Simulator;
using Com.Storage.RemoteSupport;
using Com.Tests.Infrastructure;
using Npgsql;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// A simulated fleet for remote-support tests, chosen from the simulator's own deterministic plan so it holds every
/// kind of system the tests need: one allowing remote access and central management, one refusing remote access, one with a whitelisted nearby SSH
/// server, and one of another reseller. Every reseller gets proxy credentials.
/// </summary>
public sealed class TunnelFleet
{
    public const int Size = 12;
    public const string Password = "Maintenance-Proxy-2026";

    private TunnelFleet(int seed, FleetPlan plan, int open, int closed, int nearby, int otherReseller, int managed)
    {
        Seed = seed;
        Plan = plan;
        (Open, Closed, Nearby, OtherReseller, Managed) = (open, closed, nearby, otherReseller, managed);
    }

    public int Seed { get; }

    public FleetPlan Plan { get; }

    public int Open { get; }

    public int Closed { get; }

    public int Nearby { get; }

    public int OtherReseller { get; }

    /// <summary>A system with central management on and a second server, for the admin relay's /&lt;id&gt;/&lt;a.b.c.d&gt;/ form.</summary>
    public int Managed { get; }

    /// <summary>The address of <see cref="Managed"/>'s second server (not its primary).</summary>
    public string SecondServerAddress => Plan.Customers[Managed].Servers.First(s => s.Role != "primary").Address;

    /// <summary>A server address of another system that <see cref="Managed"/>'s system does not have.</summary>
    public string ForeignServerAddress =>
        Plan.Customers.Where(c => c.Index != Managed).SelectMany(c => c.Servers).Select(s => s.Address)
            .First(a => Plan.Customers[Managed].Servers.All(s => s.Address != a));

    /// <summary>The nearby server's address, whitelisted on port 22.</summary>
    public string NearbyAddress => Plan.Customers[Nearby].Tunnels.First(t => t.Port == 22).Address;

    public static string UserOf(string reseller) => "support-" + ServerNames.Slug(reseller);

    public string UserFor(int index) => UserOf(Plan.Customers[index].Reseller);

    public static TunnelFleet Choose()
    {
        for (var seed = 1; seed < 500; seed++)
        {
            var plan = FleetPlan.Build(new FleetPlanOptions(Size, 3, FaultPlan.Parse("none"), seed, "x"));
            var c = plan.Customers;
            var open = Index(c, p => p.Flags.RemoteAccess && p.Flags.CentralManagement);
            var closed = Index(c, p => !p.Flags.RemoteAccess);
            var nearby = Index(c, p => p.Flags.RemoteAccess && p.Flags.NearbyServers && p.Tunnels.Any(t => t.Port == 22) && p.Tunnels.All(t => t.Address != "10.99.99.99"));
            if (open < 0 || closed < 0 || nearby < 0)
                continue;
            var other = Index(c, p => p.Reseller != c[open].Reseller);
            var managed = Index(c, p => p.Flags.CentralManagement && p.Servers.Count >= 2 && p.Servers.Select(s => s.Address).Distinct().Count() == p.Servers.Count
                && p.Servers.Count(s => s.Role == "primary") == 1);
            if (other >= 0 && managed >= 0)
                return new TunnelFleet(seed, plan, open, closed, nearby, other, managed);
        }
        throw new InvalidOperationException("no seed under 500 gives the fleet the remote-support tests need");
    }

    private static int Index(IReadOnlyList<CustomerPlan> customers, Func<CustomerPlan, bool> wanted) =>
        customers.Select((c, i) => (c, i)).FirstOrDefault(x => wanted(x.c), (null!, -1)).i;

    public async Task SetCredentialsAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var store = new ProxyAccountStore(db);
        foreach (var reseller in Plan.Customers.Select(c => c.Reseller).Distinct())
            (await store.SetCredentialsAsync(ProxyAccountKind.Reseller, reseller, UserOf(reseller), Com.Grains.RemoteSupport.ProxyPasswords.Hash(Password), "test")).ShouldBeTrue();
    }

    public SimulatedFleet Start(ComDeployment com, string tunnelMap, params int[] webManagerPorts) =>
        SimulatedFleet.Start(com, Size, null, "Tunnel", ["--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tunnel-map", tunnelMap,
            .. webManagerPorts.SelectMany(p => new[] { "--web-manager-port", p.ToString(System.Globalization.CultureInfo.InvariantCulture) })]);
}
