using Com.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Com.Tests.Storage;

/// <summary>Orleans' own ADO.NET reminder table, run against COM's PostgreSQL schema and queries.</summary>
[Trait("Category", "Cluster")]
public sealed class ReminderQueriesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<IReminderTable> TableAsync()
    {
        // The provider's table class is internal; it is created the way the silo's container would.
        var type = typeof(AdoNetReminderTableOptions).Assembly.GetType("Orleans.Runtime.ReminderService.AdoNetReminderTable", throwOnError: true)!;
        var table = (IReminderTable)Activator.CreateInstance(type,
            Options.Create(new ClusterOptions { ClusterId = "com-tests", ServiceId = $"service-{Guid.NewGuid():N}" }),
            Options.Create(new AdoNetReminderTableOptions { Invariant = "Npgsql", ConnectionString = database.ConnectionString }))!;
        await table.StartAsync();
        return table;
    }

    private static ReminderEntry Reminder(string key, string name = "nightly-backup") => new()
    {
        GrainId = GrainId.Create("customer", key),
        ReminderName = name,
        StartAt = DateTime.UtcNow,
        Period = TimeSpan.FromDays(1),
    };

    [Fact]
    public async Task UpsertRow_InParallel_GivesEveryWriterADistinctVersion()
    {
        var table = await TableAsync();

        var etags = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => table.UpsertRow(Reminder("c1")))));

        etags.Distinct().Count().ShouldBe(8, "each upsert must produce a new ETag so stale removals fail");
        (await table.ReadRows(GrainId.Create("customer", "c1"))).Reminders.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RemoveRow_WithAStaleVersion_KeepsTheReminder()
    {
        var table = await TableAsync();
        var reminder = Reminder("c2");
        var stale = (await table.UpsertRow(reminder))!;
        var current = (await table.UpsertRow(reminder))!;

        (await table.RemoveRow(reminder.GrainId, reminder.ReminderName, stale)).ShouldBeFalse();
        (await table.ReadRow(reminder.GrainId, reminder.ReminderName)).ShouldNotBeNull("a stale ETag must not delete");
        (await table.RemoveRow(reminder.GrainId, reminder.ReminderName, current)).ShouldBeTrue();
        (await table.ReadRow(reminder.GrainId, reminder.ReminderName)).ShouldBeNull();
    }

    [Fact]
    public async Task ReadRows_ByHashRange_MatchesTheRingIncludingWhereItWraps()
    {
        var table = await TableAsync();
        var reminders = Enumerable.Range(0, 200).Select(i => Reminder($"c{i}")).ToList();
        foreach (var reminder in reminders)
            await table.UpsertRow(reminder);
        var hashes = reminders.Select(r => r.GrainId.GetUniformHashCode()).ToList();
        (uint Begin, uint End)[] ranges = [(0, 0), (0, uint.MaxValue), (uint.MaxValue, 0), (0x7FFFFFFF, 0x80000000), (0x80000000, 0x7FFFFFFF), (0x20000000, 0xE0000000), (0xE0000000, 0x20000000)];

        foreach (var (begin, end) in ranges)
        {
            var expected = hashes.Count(h => begin < end ? h > begin && h <= end : h > begin || h <= end);
            var read = await table.ReadRows(begin, end);
            read.Reminders.Count.ShouldBe(expected, $"range ({begin:X8}, {end:X8}] of the hash ring");
        }
    }
}
