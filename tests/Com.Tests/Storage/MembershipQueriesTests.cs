using System.Net;
using Com.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;

namespace Com.Tests.Storage;

/// <summary>Orleans' own ADO.NET membership table, run against COM's PostgreSQL schema and queries.</summary>
[Trait("Category", "Cluster")]
public sealed class MembershipQueriesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly string clusterId = $"cluster-{Guid.NewGuid():N}";

    private async Task<AdoNetClusteringTable> TableAsync()
    {
        var table = new AdoNetClusteringTable(
            null!,
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "com-tests" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = database.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    private static MembershipEntry Silo(int port, SiloStatus status = SiloStatus.Active, int proxyPort = 30000, DateTime? aliveAt = null)
    {
        var alive = aliveAt ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 7),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = alive.AddMinutes(-1),
            IAmAliveTime = alive,
        };
    }

    [Fact]
    public async Task InsertRow_ThenReadAll_ReturnsTheSiloAndANewVersion()
    {
        var table = await TableAsync();
        var empty = await table.ReadAllAsync();

        (await table.InsertRowAsync(Silo(11111), empty.Version.Next())).ShouldBeTrue();

        var after = await table.ReadAllAsync();
        empty.Version.Version.ShouldBe(0, "a new cluster starts at version 0");
        after.Version.Version.ShouldBe(1, "joining is a membership change and bumps the version");
        after.Members.Single().Item1.SiloName.ShouldBe("silo-11111");
    }

    [Fact]
    public async Task InsertRow_ForASiloAlreadyThere_IsRefusedAndKeepsTheVersion()
    {
        var table = await TableAsync();
        await table.InsertRowAsync(Silo(11112), (await table.ReadAllAsync()).Version.Next());
        var current = await table.ReadAllAsync();

        (await table.InsertRowAsync(Silo(11112), current.Version.Next())).ShouldBeFalse("the same silo instance cannot join twice");

        (await table.ReadAllAsync()).Version.Version.ShouldBe(current.Version.Version);
    }

    [Fact]
    public async Task InsertRow_TwentySilosRacingOnOneVersion_ExactlyOneWins()
    {
        var table = await TableAsync();
        var version = (await table.ReadAllAsync()).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try { return await table.InsertRowAsync(Silo(12000 + i), version); }
            catch (Exception e) when (e is not ShouldAssertException) { return false; }
        })));

        results.Count(joined => joined).ShouldBe(1, "optimistic concurrency must let exactly one writer of a version win");
        var after = await table.ReadAllAsync();
        after.Members.Count.ShouldBe(1);
        after.Version.Version.ShouldBe(1);
    }

    [Fact]
    public async Task UpdateRow_WithAStaleVersion_ChangesNothing()
    {
        var table = await TableAsync();
        await table.InsertRowAsync(Silo(11113), (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadAllAsync();
        var (entry, etag) = read.Members.Single();
        entry.Status = SiloStatus.ShuttingDown;
        (await table.UpdateRowAsync(entry, etag, read.Version.Next())).ShouldBeTrue();

        entry.Status = SiloStatus.Dead;
        (await table.UpdateRowAsync(entry, etag, read.Version.Next())).ShouldBeFalse("the version was already used by the first update");

        var final = await table.ReadAllAsync();
        final.Members.Single().Item1.Status.ShouldBe(SiloStatus.ShuttingDown);
        final.Version.Version.ShouldBe(2);
    }

    [Fact]
    public async Task UpdateIAmAlive_MovesTheHeartbeatButNotTheVersion()
    {
        var table = await TableAsync();
        var silo = Silo(11114, aliveAt: DateTime.UtcNow.AddMinutes(-5));
        await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());
        var before = await table.ReadAllAsync();
        var heartbeat = DateTime.UtcNow;

        silo.IAmAliveTime = heartbeat;
        await table.UpdateIAmAliveAsync(silo);

        var after = await table.ReadAllAsync();
        after.Version.Version.ShouldBe(before.Version.Version, "heartbeats are not membership changes");
        after.Members.Single().Item1.IAmAliveTime.ShouldBe(heartbeat, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesOnlyOldDeadSilos()
    {
        var table = await TableAsync();
        var old = DateTime.UtcNow.AddDays(-8);
        foreach (var silo in new[] { Silo(13001, SiloStatus.Dead, aliveAt: old), Silo(13002, SiloStatus.Active, aliveAt: old), Silo(13003, SiloStatus.Dead) })
            (await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next())).ShouldBeTrue();

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-7));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order().ToList();
        left.ShouldBe([13002, 13003], "only the dead silo silent for over a week may go");
    }

    [Fact]
    public async Task GatewaysQuery_ListsActiveSilosWithAGatewayOnly()
    {
        var table = await TableAsync();
        foreach (var silo in new[] { Silo(14001), Silo(14002, proxyPort: 0), Silo(14003, SiloStatus.Joining) })
            await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());

        var gateways = await OrleansQueries.ReadAsync(database, "GatewaysQueryKey",
            ("DeploymentId", clusterId), ("Status", (int)SiloStatus.Active));

        gateways.Select(g => (int)g["proxyport"]!).ShouldBe([30000], "a client must only be offered active silos that accept clients");
    }
}
