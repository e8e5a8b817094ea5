using Com.Storage;
using Com.Tests.Infrastructure;
using Npgsql;

namespace Com.Tests.Storage;

[Trait("Category", "Cluster")]
public sealed class SchemaMigratorTests
{
    private static readonly string[] QueriesOrleansNeeds =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
    ];

    [Fact]
    public async Task Migrate_OnAnEmptyDatabase_CreatesEveryQueryTheOrleansProvidersLookUp()
    {
        await using var database = await EmptyDatabase.CreateAsync();

        var applied = await new SchemaMigrator(database.DataSource).MigrateAsync(Migration.LoadEmbedded(), TestContext.Current.CancellationToken);

        applied.Select(m => m.Version).ShouldBe(Migration.LoadEmbedded().Select(m => m.Version), "a fresh database should receive every migration");
        var keys = await database.ReadColumnAsync<string>("SELECT querykey FROM orleansquery");
        QueriesOrleansNeeds.Except(keys).ShouldBeEmpty("these Orleans query keys are missing from orleansquery");
    }

    [Fact]
    public async Task Migrate_ASecondTime_AppliesNothingAndKeepsData()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var migrator = new SchemaMigrator(database.DataSource);
        await migrator.MigrateAsync(Migration.LoadEmbedded());
        await database.ExecuteAsync("INSERT INTO orleans_membership_version (deployment_id) VALUES ('kept')");

        var second = await migrator.MigrateAsync(Migration.LoadEmbedded());

        second.ShouldBeEmpty("an up-to-date database must not be migrated again");
        (await database.ReadColumnAsync<string>("SELECT deployment_id FROM orleans_membership_version")).ShouldContain("kept");
    }

    [Fact]
    public async Task Migrate_FromSeveralSilosAtOnce_AppliesEachStepExactlyOnce()
    {
        await using var database = await EmptyDatabase.CreateAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => new SchemaMigrator(database.DataSource).MigrateAsync(Migration.LoadEmbedded()))));

        runs.Sum(r => r.Count).ShouldBe(Migration.LoadEmbedded().Count, "each migration must be applied by exactly one of the racing silos");
        var recorded = await database.ReadColumnAsync<int>("SELECT version FROM com_schema_migrations");
        recorded.Count.ShouldBe(Migration.LoadEmbedded().Count);
    }

    [Fact]
    public async Task Migrate_WhenAStepFails_LeavesNothingOfThatStepBehind()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        Migration[] steps =
        [
            new(1, "good", "CREATE TABLE first_table (id int)"),
            new(2, "broken", "CREATE TABLE second_table (id int); SELECT * FROM no_such_table"),
        ];

        await Should.ThrowAsync<PostgresException>(() => new SchemaMigrator(database.DataSource).MigrateAsync(steps));

        (await database.ReadColumnAsync<int>("SELECT version FROM com_schema_migrations")).ShouldBe([1]);
        (await database.ReadColumnAsync<string>("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '%_table'"))
            .ShouldBe(["first_table"], "the failed step's table must be rolled back with it");
    }
}
