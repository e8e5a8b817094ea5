using System.Collections.Concurrent;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Storage.RemoteSupport;
using Com.Tests.Infrastructure;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// SPEC RS-6 and ROLE as the tunnel sessions grain enforces them, whoever calls: the audit listed with filter, search,
/// sort and paging for Administrators only, and a terminate that reaches the host registered for the row's silo, says
/// when the tunnel had ended, and ends in the audit alone a tunnel whose silo has left the cluster.
/// </summary>
[Collection(SharedGrainCluster.Name)]
[Trait("Category", "Cluster")]
public sealed class TunnelSessionsGrainTests(PostgresCluster cluster)
{
    private const string UserPassword = "Tunnel-Tests-26";
    private static readonly Actor Admin = new("root", Role.Administrator);
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private ITunnelSessionsGrain Sessions => cluster.Grains.GetGrain<ITunnelSessionsGrain>(0);

    private TunnelSessionStore Store() => new(cluster.Database.CreateDataSource());

    private async Task<Actor> UserAsync(Role role)
    {
        var root = cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(Admin.Login));
        if (!await root.ExistsAsync())
            await root.CreateAsync(Admin.Login, Role.Administrator, "Root-Password-1");
        if (role == Role.Administrator)
            return Admin;
        var login = $"{role.ToString()[..3].ToLowerInvariant()}{Guid.NewGuid():N}"[..15];
        await cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).CreateAsync(Admin, login, new AccountDetails(role), UserPassword);
        return new Actor(login, role);
    }

    /// <summary>A tunnel of a fresh account (so each test finds only its own by searching for it), started <paramref name="minutes"/> after T0.</summary>
    private static TunnelSession Tunnel(string mark, string silo, int minutes, string customer = "cust1", long up = 0, long down = 0) =>
        new(Guid.NewGuid(), $"reseller {mark}", customer, $"{customer}.maint.localhost:22 (127.0.0.1:22)", "127.0.0.1:50000", silo,
            T0.AddMinutes(minutes), null, up, down, null);

    private static async Task<TunnelSession> StartAsync(TunnelSessionStore store, TunnelSession tunnel)
    {
        await store.StartAsync(tunnel);
        if (tunnel.BytesUp > 0 || tunnel.BytesDown > 0)
            await store.CountAsync([(tunnel.Id, tunnel.BytesUp, tunnel.BytesDown)]);
        return tunnel;
    }

    private static string Mark() => $"m{Guid.NewGuid():N}"[..9];

    [Fact]
    public async Task Query_ByAnAdministrator_FiltersLiveAndEnded_SearchesNamesToo_SortsInThreeStates_AndPages()
    {
        var admin = await UserAsync(Role.Administrator);
        var store = Store();
        var mark = Mark();
        var a = await StartAsync(store, Tunnel(mark, "S1", 1, "alpha", up: 500, down: 10));
        var b = await StartAsync(store, Tunnel(mark, "S1", 2, "bravo", up: 100, down: 9000));
        var c = await StartAsync(store, Tunnel(mark, "S2", 3, "charlie", up: 300, down: 20));
        await store.EndAsync(b.Id, T0.AddMinutes(10), 100, 9000, "the client closed the tunnel");

        var all = await Sessions.QueryAsync(admin, new TunnelSessionQuery(Search: mark));
        all.Total.ShouldBe(3);
        all.Rows.Select(r => r.Id).ShouldBe([c.Id, b.Id, a.Id], "newest first by default");
        (await Sessions.QueryAsync(admin, new TunnelSessionQuery(TunnelSessionState.Live, mark))).Rows.Select(r => r.Id).ShouldBe([c.Id, a.Id]);
        var ended = (await Sessions.QueryAsync(admin, new TunnelSessionQuery(TunnelSessionState.Ended, mark))).Rows.ShouldHaveSingleItem();
        ended.Id.ShouldBe(b.Id);
        ended.EndReason.ShouldBe("the client closed the tunnel");
        ended.EndedAt.ShouldBe(T0.AddMinutes(10));
        ended.Duration(DateTimeOffset.UtcNow).ShouldBe(TimeSpan.FromMinutes(8));
        (ended.BytesUp, ended.BytesDown).ShouldBe((100, 9000));

        (await Sessions.QueryAsync(admin, new TunnelSessionQuery(Search: $"{mark.ToUpperInvariant()}"))).Total.ShouldBe(3, "the search ignores case");
        (await Sessions.QueryAsync(admin, new TunnelSessionQuery(Search: "CLIENT CLOSED", Customers: null))).Rows.ShouldContain(r => r.Id == b.Id, "the end reason is searched");
        // A customer whose name matched in the page's directory copy comes in through Customers, whatever the text.
        var byName = await Sessions.QueryAsync(admin, new TunnelSessionQuery(Search: "no such text anywhere", Customers: ["charlie"]));
        byName.Rows.Where(r => r.Account.EndsWith(mark, StringComparison.Ordinal)).Select(r => r.Id).ShouldBe([c.Id]);

        async Task<Guid[]> Sorted(TunnelSessionSort sort, bool descending) =>
            (await Sessions.QueryAsync(admin, new TunnelSessionQuery(Search: mark, Sort: sort, Descending: descending))).Rows.Select(r => r.Id).ToArray();
        (await Sorted(TunnelSessionSort.BytesUp, true)).ShouldBe([a.Id, c.Id, b.Id]);
        (await Sorted(TunnelSessionSort.BytesUp, false)).ShouldBe([b.Id, c.Id, a.Id]);
        (await Sorted(TunnelSessionSort.BytesDown, true)).ShouldBe([b.Id, c.Id, a.Id]);
        (await Sorted(TunnelSessionSort.Customer, false)).ShouldBe([a.Id, b.Id, c.Id]);
        (await Sorted(TunnelSessionSort.Duration, true)).ShouldBe([a.Id, c.Id, b.Id], "live tunnels have run until now");
        (await Sorted(TunnelSessionSort.EndedAt, false)).ShouldBe([c.Id, a.Id, b.Id], "live tunnels have no end yet and come first ascending");

        var second = await Sessions.QueryAsync(admin, new TunnelSessionQuery(Search: mark, Page: 1, PageSize: 2));
        second.Total.ShouldBe(3);
        second.Rows.Select(r => r.Id).ShouldBe([a.Id]);
        await Should.ThrowAsync<ArgumentException>(() => Sessions.QueryAsync(admin, new TunnelSessionQuery(PageSize: 0)));
    }

    [Theory]
    [InlineData(Role.Support)]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Operator)]
    [InlineData(Role.ReadOnly)]
    public async Task EveryRoleButAdministrator_IsRefused_ListingAndTerminating(Role role)
    {
        var user = await UserAsync(role);
        var tunnel = await StartAsync(Store(), Tunnel(Mark(), "S10.255.255.1:11111:1", 0));

        (await Should.ThrowAsync<AccountRejectedException>(() => Sessions.QueryAsync(user, new TunnelSessionQuery()))).Reason.ShouldBe("NotAllowed");
        (await Should.ThrowAsync<AccountRejectedException>(() => Sessions.TerminateAsync(user, tunnel.Id))).Reason.ShouldBe("NotAllowed");
        // A caller claiming a role its account does not have is refused as well.
        await Should.ThrowAsync<AccountRejectedException>(() => Sessions.TerminateAsync(user with { Role = Role.Administrator }, tunnel.Id));
        (await Store().GetAsync(tunnel.Id))!.EndedAt.ShouldBeNull("a refused terminate must leave the tunnel alone");
    }

    [Fact]
    public async Task Terminate_ReachesTheHostRegisteredForTheRowsSilo_AndRecordsWhoEndedIt()
    {
        var admin = await UserAsync(Role.Administrator);
        var silo = $"S-test-{Guid.NewGuid():N}";
        var host = new RecordingHost();
        var registry = cluster.Grains.GetGrain<ITunnelHostRegistryGrain>(silo);
        await registry.RegisterAsync(cluster.Cluster.Client.CreateObjectReference<ITunnelHost>(host));
        var tunnel = await StartAsync(Store(), Tunnel(Mark(), silo, 0));

        var outcome = await Sessions.TerminateAsync(admin, tunnel.Id);

        outcome.Outcome.ShouldBe(TerminationOutcome.Terminated);
        host.Stopped.ShouldBe([(tunnel.Id, "terminated by root")]);

        host.Holds = false;
        (await Sessions.TerminateAsync(admin, tunnel.Id)).Outcome.ShouldBe(TerminationOutcome.NotFound, "the silo no longer holds it and its row is still open");
    }

    [Fact]
    public async Task Terminate_OfAnEndedTunnel_SaysWhenAndWhyItEnded_AndOfAnUnknownOne_NotFound()
    {
        var admin = await UserAsync(Role.Administrator);
        var store = Store();
        var tunnel = await StartAsync(store, Tunnel(Mark(), "S1", 0));
        await store.EndAsync(tunnel.Id, T0.AddMinutes(5), 1, 2, "idle for 00:30:00");

        var outcome = await Sessions.TerminateAsync(admin, tunnel.Id);

        outcome.Outcome.ShouldBe(TerminationOutcome.AlreadyEnded);
        outcome.Session!.EndReason.ShouldBe("idle for 00:30:00");
        outcome.Session.EndedAt.ShouldBe(T0.AddMinutes(5));
        (await store.GetAsync(tunnel.Id))!.EndReason.ShouldBe("idle for 00:30:00", "the first end stays the recorded one");
        (await Sessions.TerminateAsync(admin, Guid.NewGuid())).Outcome.ShouldBe(TerminationOutcome.NotFound);
    }

    [Fact]
    public async Task Terminate_OfATunnelWhoseSiloLeftTheCluster_EndsItInTheAudit_ButOnALiveSiloWithoutHost_ChangesNothing()
    {
        var admin = await UserAsync(Role.Administrator);
        var store = Store();
        var orphan = await StartAsync(store, Tunnel(Mark(), "S10.255.255.1:11111:1", 0, up: 42, down: 43));

        var gone = await Sessions.TerminateAsync(admin, orphan.Id);

        gone.Outcome.ShouldBe(TerminationOutcome.SiloGone);
        var row = (await store.GetAsync(orphan.Id))!;
        row.EndedAt.ShouldNotBeNull();
        row.EndReason.ShouldBe("terminated by root; its silo had left the cluster");
        (row.BytesUp, row.BytesDown).ShouldBe((42, 43), "the last counts written stay");

        // The test cluster's silos register no tunnel host: a row on one of them cannot be ended from here.
        var live = await StartAsync(store, Tunnel(Mark(), cluster.Cluster.Primary!.SiloAddress.ToParsableString(), 0));
        (await Sessions.TerminateAsync(admin, live.Id)).Outcome.ShouldBe(TerminationOutcome.Unreachable);
        (await store.GetAsync(live.Id))!.EndedAt.ShouldBeNull("a silo still in the cluster may hold the sockets");
    }

    private sealed class RecordingHost : ITunnelHost
    {
        private readonly ConcurrentQueue<(Guid, string)> stopped = new();

        public bool Holds { get; set; } = true;

        public IReadOnlyList<(Guid, string)> Stopped => [.. stopped];

        public Task<bool> TerminateAsync(Guid sessionId, string reason)
        {
            if (!Holds)
                return Task.FromResult(false);
            stopped.Enqueue((sessionId, reason));
            return Task.FromResult(true);
        }
    }
}
