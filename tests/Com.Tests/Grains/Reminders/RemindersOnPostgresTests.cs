using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Reminders;

[Collection(SharedGrainCluster.Name)]
[Trait("Category", "Cluster")]
public sealed class RemindersOnPostgresTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Reminder_RegisteredInTheCluster_FiresAndIsStoredInPostgreSql()
    {
        var probe = cluster.Grains.GetGrain<IReminderProbeGrain>("probe-1");

        await probe.ArmAsync(TimeSpan.FromSeconds(1));

        var stored = await cluster.Database.CreateDataSource().ReadColumnAsync<string>("SELECT reminder_name FROM orleans_reminders");
        stored.ShouldContain("probe", "the reminder must be persisted, so it outlives every silo");
        await Eventually.GetAsync(probe.TicksAsync, ticks => ticks > 0, TimeSpan.FromSeconds(30), "the reminder to fire within 30 s of being due");
    }
}
