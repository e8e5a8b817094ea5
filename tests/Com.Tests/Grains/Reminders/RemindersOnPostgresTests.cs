using System.Diagnostics;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Reminders;

public sealed class RemindersOnPostgresTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task Reminder_RegisteredInTheCluster_FiresAndIsStoredInPostgreSql()
    {
        var probe = cluster.Grains.GetGrain<IReminderProbeGrain>("probe-1");

        await probe.ArmAsync(TimeSpan.FromSeconds(1));

        var stored = await cluster.Database.CreateDataSource().ReadColumnAsync<string>("SELECT reminder_name FROM orleans_reminders");
        stored.ShouldContain("probe", "the reminder must be persisted, so it outlives every silo");
        var waited = Stopwatch.StartNew();
        while (await probe.TicksAsync() == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(200, TestContext.Current.CancellationToken);
        (await probe.TicksAsync()).ShouldBeGreaterThan(0, "the reminder should have fired within 30 s of being due");
    }
}
