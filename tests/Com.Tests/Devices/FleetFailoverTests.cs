using System.Diagnostics;
using Com.Tests.Infrastructure;

namespace Com.Tests.Devices;

/// <summary>
/// Issue 15's acceptance on real processes: three silos, 2,000 simulated customers linked through the real simulator with
/// alarms flowing; PostgreSQL restarted, then a silo killed with -9, cost no other silo, no customer's light for long and
/// no acknowledged alarm. One fleet plays both failures in turn: linking 2,000 customers is most of the test's time.
/// </summary>
[Trait("Category", "Process")]
[Collection(nameof(AloneOnTheMachine))]
public sealed class FleetFailoverTests
{
    private const int Customers = 2000;

    /// <summary>A modest storm (events a second : seconds), long enough to span both failures and the recoveries after them.</summary>
    private const string Storm = "15:90";

    private static readonly TimeSpan GreenAgainWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostgresRestartedThenOneOfThreeSilosKilled_NoOtherSiloExits_EveryCustomerIsGreenWithinHalfAMinute_AndAlarmCountsMatchTheDevices()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var com = ComDeployment.OnServer(postgres.ConnectionString);
        await using var episode = await FleetEpisode.StartAsync(com, Storm, "Failover customer", Customers);
        var output = TestContext.Current.TestOutputHelper;
        var doomed = com.Silos[2];
        var doomedAddress = await episode.AddressOfAsync(doomed.Name);

        var acknowledgedBefore = (await episode.Fleet.LastSecondAsync()).AlarmsAcked;
        var startedBefore = await postgres.StartedAtAsync();
        await postgres.RestartAsync();
        (await postgres.StartedAtAsync()).ShouldBeGreaterThan(startedBefore, "PostgreSQL must really have restarted, cutting every connection");
        // Alarms keep being acknowledged after the restart: the silos reconnected to the database, none gave up.
        await episode.Guard(() => Eventually.GetAsync(episode.Fleet.LastSecondAsync, s => s.AlarmsAcked > acknowledgedBefore + 30,
            TimeSpan.FromSeconds(60), "alarms acknowledged again after the PostgreSQL restart"));
        await episode.Guard(() => episode.WaitAllGreenAsync(TimeSpan.FromSeconds(60), notLinkedThrough: null, "every customer green after the PostgreSQL restart"));
        episode.ShouldHaveSurvivors(except: null);

        doomed.Kill();
        var sinceKill = Stopwatch.StartNew();
        var declaredDead = episode.DeclaredDeadAsync(doomed.Name, sinceKill);
        await episode.Guard(() => episode.WaitAllGreenAsync(GreenAgainWithin, notLinkedThrough: doomedAddress,
            $"every customer green again, linked through a surviving silo, within {GreenAgainWithin.TotalSeconds} s of the kill"));
        var green = sinceKill.Elapsed;
        output?.WriteLine($"the killed silo declared dead {(await declaredDead).TotalSeconds:0.0} s and every customer green again {green.TotalSeconds:0.0} s after the kill");

        await episode.Guard(episode.WaitAlarmCountsMatchLedgerAsync);
        episode.ShouldHaveSurvivors(except: doomed);
    }
}
