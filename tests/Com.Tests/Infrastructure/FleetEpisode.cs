using System.Globalization;
using Com.Grains.Interfaces.Customers;

namespace Com.Tests.Infrastructure;

/// <summary>
/// Three silos and a simulated fleet linked across them with an alarm storm under way: the stage of a failover test,
/// with what such a test looks at afterwards (the directory's rows, the simulator's ledger, the silo processes).
/// </summary>
public sealed class FleetEpisode : IAsyncDisposable
{
    private readonly ComDeployment com;
    private readonly ExternalClusterClient client;
    private readonly int customers;

    private FleetEpisode(ComDeployment com, ExternalClusterClient client, SimulatedFleet fleet, int customers)
    {
        this.com = com;
        this.client = client;
        Fleet = fleet;
        this.customers = customers;
    }

    public SimulatedFleet Fleet { get; }

    private ICustomerDirectoryGrain Directory => client.Grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key);

    /// <summary>Starts three silos, provisions and links the fleet, and returns once every customer is green and the storm runs.</summary>
    public static async Task<FleetEpisode> StartAsync(ComDeployment com, string storm, string namePrefix, int customers)
    {
        // Every simulated device connects from this one machine; the per-address limit is for the real world.
        com.Settings["Com__Devices__AttemptsPerAddressPerMinute"] = "100000";
        // The product's default: 2,000 TLS handshakes at once on two cores take longer than the 3 s other tests allow.
        com.Settings["Com__Devices__HelloTimeout"] = "00:00:10";
        // What a customer's link went through, for the failure message of a customer that stays red.
        com.Settings["Logging__LogLevel__Com.Grains.Customers"] = "Information";
        await com.InitializeAsync();
        await Task.WhenAll(com.StartSiloAsync(), com.StartSiloAsync());
        var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString);
        var episode = new FleetEpisode(com, client, SimulatedFleet.Start(com, customers, storm, namePrefix), customers);
        try
        {
            await episode.Guard(() => episode.WaitAllGreenAsync(TimeSpan.FromMinutes(4), notLinkedThrough: null, $"all {customers} customers provisioned and green"));
            await episode.Guard(() => Eventually.GetAsync(episode.Fleet.LastSecondAsync, s => s.Step == 0, TimeSpan.FromSeconds(60), "the alarm storm under way"));
            return episode;
        }
        catch
        {
            await episode.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo's address as Orleans and the directory's link column name it.</summary>
    public async Task<string> AddressOfAsync(string siloName)
    {
        var hosts = await client.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return hosts.Single(h => h.SiloName == siloName).SiloAddress.ToParsableString();
    }

    /// <summary>How long after <paramref name="since"/> started the cluster's membership marked the silo dead.</summary>
    public async Task<TimeSpan> DeclaredDeadAsync(string siloName, System.Diagnostics.Stopwatch since)
    {
        var management = client.Grains.GetGrain<IManagementGrain>(0);
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await management.GetDetailedHosts(onlyActive: false)).Any(h => h.SiloName == siloName && h.Status == SiloStatus.Dead);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A membership read on a connection an earlier PostgreSQL restart cut fails with an exception Orleans cannot
                // serialize; this is a measurement, so such a read counts as "not yet" and the next one decides.
                return false;
            }
        }, TimeSpan.FromSeconds(120), $"{siloName} declared dead by the cluster");
        return since.Elapsed;
    }

    /// <summary>Waits until the directory has a green row for every customer, none of them linked through <paramref name="notLinkedThrough"/>.</summary>
    public async Task WaitAllGreenAsync(TimeSpan timeout, string? notLinkedThrough, string what)
    {
        FleetLights? last = null;
        try
        {
            await Eventually.GetAsync(async () => last = new FleetLights(await Directory.SnapshotAsync(), notLinkedThrough, customers), view => view.AllGreen, timeout, what);
        }
        catch (TimeoutException e) when (last is not null)
        {
            // Tells a directory row left behind from a customer grain that itself believes its link is gone.
            var grainsSay = new List<string>();
            foreach (var row in last.NotGreen.Take(5))
            {
                var summary = await client.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(row.Id)).GetSummaryAsync();
                grainsSay.Add($"{row.Name} ({row.Id}): its grain says {summary?.Connectivity.Code} via {summary?.Link?.Silo ?? "no link"}; silos logged:");
                grainsSay.AddRange(com.Silos.SelectMany(s => s.Output.Split('\n').Where(line => line.Contains(row.Id, StringComparison.Ordinal)).Select(line => $"  {s.Name}: {line.Trim()}")));
            }
            throw new TimeoutException($"{e.Message}\n{string.Join('\n', grainsSay)}", e);
        }
    }

    /// <summary>
    /// Waits for the simulator's ledger (written once the storm is over and COM acknowledged every alarm), then until
    /// each customer's ongoing alarm count in the directory equals the alarms its device holds open.
    /// </summary>
    public async Task WaitAlarmCountsMatchLedgerAsync()
    {
        var ledger = (await Eventually.GetAsync(Fleet.SettledLedgerAsync, l => l is not null, TimeSpan.FromSeconds(120),
            "the simulator's ledger: storm over and every alarm acknowledged"))!;
        ledger.Count.ShouldBe(customers);
        ledger.Values.Sum().ShouldBeGreaterThan(0, "a storm that left no alarm open proves nothing about lost alarms");
        TestContext.Current.TestOutputHelper?.WriteLine($"ledger: {ledger.Values.Sum()} alarms open on {ledger.Values.Count(v => v > 0)} devices; last stats {await Fleet.LastSecondAsync()}");
        await Eventually.GetAsync(async () => new AlarmComparison(await Directory.SnapshotAsync(), ledger), c => c.Identical,
            // A row that reached the directory during the PostgreSQL restart may come again only after its call timed out (30 s).
            TimeSpan.FromSeconds(60), "every customer's ongoing alarms in the directory equal to its device's ledger");
    }

    /// <summary>Every silo but <paramref name="except"/> is still running, whatever happened to the cluster.</summary>
    public void ShouldHaveSurvivors(SiloProcess? except)
    {
        foreach (var silo in com.Silos.Where(s => s != except))
        {
            silo.HasExited.ShouldBeFalse($"{silo.Name} exited:\n{Tail(silo.Output)}");
            var troubles = silo.Output.Split('\n').Count(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal));
            TestContext.Current.TestOutputHelper?.WriteLine($"{silo.Name}: {troubles} warnings and errors logged; last lines:\n{Tail(silo.Output)}");
        }
    }

    /// <summary>Runs a step of the test; a failure carries the tail of every silo's and the simulator's output.</summary>
    public async Task Guard(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is TimeoutException or ShouldAssertException or InvalidOperationException)
        {
            var logs = string.Join("\n", com.Silos.Select(s => $"--- {s.Name} ({(s.HasExited ? "exited" : "running")}):\n{Tail(s.Output)}"));
            throw new ShouldAssertException($"{e.Message}\n{logs}\n--- simulator:\n{Fleet.Tail}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        await client.DisposeAsync();
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(30));

    /// <summary>The directory's lights as a failure message shows them.</summary>
    private sealed class FleetLights(DirectorySnapshot snapshot, string? deadSilo, int expected)
    {
        private readonly CustomerSummary[] notGreen =
            [.. snapshot.Customers.Where(c => c.Connectivity.Light != TrafficLight.Green || c.Link is null || c.Link.Silo == deadSilo)];

        public IReadOnlyList<CustomerSummary> NotGreen => notGreen;

        public bool AllGreen => snapshot.Customers.Length == expected && notGreen.Length == 0;

        public override string ToString() =>
            $"{snapshot.Customers.Length - notGreen.Length} of {snapshot.Customers.Length} rows green (want {expected}); e.g. "
            + string.Join(", ", notGreen.Take(5).Select(c => $"{c.Name} {c.Connectivity.Code} via {c.Link?.Silo ?? "no link"}"));
    }

    /// <summary>Customers whose ongoing alarm count in the directory differs from the ledger.</summary>
    private sealed class AlarmComparison(DirectorySnapshot snapshot, IReadOnlyDictionary<string, int> ledger)
    {
        private readonly string[] different =
        [
            .. ledger.Select(entry => (entry, row: snapshot.Customers.FirstOrDefault(c => c.Id == entry.Key)))
                .Where(x => x.row?.OngoingAlarms != x.entry.Value)
                .Select(x => $"{x.entry.Key}: device holds {x.entry.Value}, COM shows {x.row?.OngoingAlarms.ToString(CultureInfo.InvariantCulture) ?? "no row"}"),
        ];

        public bool Identical => different.Length == 0;

        public override string ToString() => $"{different.Length} customers differ, e.g. {string.Join("; ", different.Take(5))}";
    }
}
