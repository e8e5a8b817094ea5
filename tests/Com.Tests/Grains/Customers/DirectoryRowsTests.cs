using Com.Grains.Interfaces.Customers;
using Com.Tests.Infrastructure;
using Npgsql;

namespace Com.Tests.Grains.Customers;

/// <summary>The directory as rows (ADR 11): a change costs the rows of the customers that changed, not the fleet.</summary>
[Trait("Category", "Cluster")]
public sealed class DirectoryRowsTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private const int Fleet = 300;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ICustomerDirectoryGrain Directory => cluster.Grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key);

    [Fact]
    public async Task CreatingOneCustomer_WritesOneRowOfEachKind_WhateverTheFleetSize()
    {
        var fleet = Enumerable.Range(0, Fleet).Select(_ => CustomerIds.Generate()).ToList();
        foreach (var some in fleet.Chunk(25))
            await Task.WhenAll(some.Select(ProvisionAsync));
        await using var db = cluster.Database.CreateDataSource();
        await Eventually.GetAsync(() => CountAsync(db, "SELECT count(*) FROM com_customer_rows"), n => n >= Fleet, Patience);
        // The fleet's own writes must be over (a row's batch can land after the count is reached), or a late one would
        // count against the new customer: nothing written in the last second.
        await Eventually.GetAsync(() => RecentWritesAsync(db), n => n == 0, Patience, "the fleet's writes to settle");
        var before = await NowAsync(db);

        var id = CustomerIds.Generate();
        await ProvisionAsync(id);
        await Eventually.GetAsync(() => CountAsync(db, $"SELECT count(*) FROM com_customer_rows WHERE customer_id = '{id}'"), n => n == 1, Patience);

        (await TouchedSinceAsync(db, "com_customer_rows", "updated_at", before)).ShouldBe(1, "only the new customer's row may be written");
        (await TouchedSinceAsync(db, "orleans_storage", "modified_on", before)).ShouldBe(1, "only the new customer's own state may be written; the directory holds no fleet-wide state");
        (await CountAsync(db, $"SELECT count(*) FROM com_customer_names WHERE customer_id = '{id}'")).ShouldBe(1, "one name per customer");
    }

    [Fact]
    public async Task AssignedToALogin_AndLinkedThroughASilo_AreAnsweredFromTheRows()
    {
        var id = CustomerIds.Generate();
        var login = $"op{Guid.NewGuid():N}"[..12];
        var record = new CustomerRecord(id, $"Rows {id}", "COMAdmin", null, null, null, null, AssignedOperators: [login.ToUpperInvariant()]);
        await cluster.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id)).ProvisionAsync(new NewCustomer(record, "Pbx-Secret-5"));
        await using var db = cluster.Database.CreateDataSource();
        var store = new Com.Storage.Customers.CustomerRowStore(db);

        var assigned = await Eventually.GetAsync(() => store.AssignedToAsync(login), ids => ids.Count == 1, Patience);
        assigned.ShouldBe([id], "logins match whatever their case");
        (await store.AssignedToAsync("someone-else")).ShouldBeEmpty();
        (await store.LinkedThroughAsync("no-such-silo")).ShouldBeEmpty();
    }

    [Fact]
    public async Task ARowFromAnOlderState_ArrivingLate_DoesNotOverwriteTheNewerRow()
    {
        var id = CustomerIds.Generate();
        await ProvisionAsync(id);
        await cluster.Grains.GetGrain<ICustomerLinkGrain>(CustomerIds.GrainKey(id)).ReportConnectionFailedAsync();
        var newer = await Eventually.GetAsync(() => Directory.GetAsync(id), r => r?.Connectivity.Code == ConnectivityCode.ConnectionFailed, Patience);

        // As a duplicate activation shut down in a failover would send it: the row of the state before the change.
        var stale = newer! with { Connectivity = new Connectivity(TrafficLight.Red, ConnectivityCode.Offline, DateTimeOffset.UtcNow), Revision = newer.Revision - 1 };
        await Directory.UpsertAsync(stale);

        (await Directory.GetAsync(id))!.Connectivity.Code.ShouldBe(ConnectivityCode.ConnectionFailed, "an older revision must not replace the row");
        await Directory.UpsertAsync(newer with { Notes = "later" });
        (await Directory.GetAsync(id))!.Notes.ShouldBe("later", "a row of the same revision (an alarm count, say) still replaces it");
    }

    private Task ProvisionAsync(string id) =>
        cluster.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id))
            .ProvisionAsync(new NewCustomer(new CustomerRecord(id, $"Fleet {id}", "COMAdmin", null, null, null, null), "Pbx-Secret-5"));

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> RecentWritesAsync(NpgsqlDataSource db)
    {
        var since = (await NowAsync(db)).AddSeconds(-1);
        return await TouchedSinceAsync(db, "com_customer_rows", "updated_at", since) + await TouchedSinceAsync(db, "orleans_storage", "modified_on", since);
    }

    private static async Task<DateTime> NowAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT clock_timestamp()");
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> TouchedSinceAsync(NpgsqlDataSource db, string table, string column, DateTime since)
    {
        await using var command = db.CreateCommand($"SELECT count(*) FROM {table} WHERE {column} >= $1");
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
