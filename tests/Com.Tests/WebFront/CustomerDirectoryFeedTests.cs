using Com.Grains.Interfaces.Customers;
using Com.Overview.Customers;
using static Com.Tests.WebFront.DirectoryFeedTestRows;

namespace Com.Tests.WebFront;

/// <summary>How a web process's copy of the directory applies numbered batches: in order, never backwards, and a gap asks for a reload.</summary>
[Trait("Category", "Unit")]
public sealed class CustomerDirectoryFeedTests
{
    private static int AlarmsOf(CustomerDirectoryFeed feed, string id) => feed.Snapshot().Single(c => c.Id == id).OngoingAlarms;

    private static async Task<DirectoryChange> ChangeAfterAsync(CustomerDirectoryFeed feed, Func<Task> act)
    {
        DirectoryChange? seen = null;
        void Record(DirectoryChange change) => seen = change;
        feed.Changed += Record;
        await act();
        feed.Changed -= Record;
        return seen.ShouldNotBeNull("the feed raised no change");
    }

    [Fact]
    public async Task NextBatch_IsApplied()
    {
        var feed = await LoadedAsync(7, Row("a", 0));

        await feed.ChangedAsync([Row("a", 3)], new DirectoryPosition(Activation, 8));

        AlarmsOf(feed, "a").ShouldBe(3);
        feed.MissedBatch.ShouldBeFalse();
    }

    [Fact]
    public async Task BatchTheSnapshotAlreadyHolds_IsIgnored_SoRowsNeverGoBack()
    {
        var feed = await LoadedAsync(7, Row("a", 5));

        await feed.ChangedAsync([Row("a", 2)], new DirectoryPosition(Activation, 7));

        AlarmsOf(feed, "a").ShouldBe(5);
    }

    [Fact]
    public async Task BatchOfAnotherDirectoryActivation_IsIgnored()
    {
        var feed = await LoadedAsync(7, Row("a", 5));

        await feed.ChangedAsync([Row("a", 1)], new DirectoryPosition(Guid.NewGuid(), 8));

        AlarmsOf(feed, "a").ShouldBe(5);
    }

    [Fact]
    public async Task SkippedBatch_IsNoticed_AndAReloadClearsIt()
    {
        var feed = await LoadedAsync(7, Row("a", 0));

        await feed.ChangedAsync([Row("a", 1)], new DirectoryPosition(Activation, 9));

        feed.MissedBatch.ShouldBeTrue("batch 8 never came: its rows may be missing");
        AlarmsOf(feed, "a").ShouldBe(1, "what did come is newer than the copy, so it is applied meanwhile");
        await ReloadAsync(feed, 9, Row("a", 1), Row("b", 4));
        feed.MissedBatch.ShouldBeFalse();
        AlarmsOf(feed, "b").ShouldBe(4);
    }

    [Fact]
    public async Task ABatch_NamesTheCustomersItChanged_AndNoOthers()
    {
        var feed = await LoadedAsync(7, Row("a", 0), Row("b", 0), Row("c", 0));

        var change = await ChangeAfterAsync(feed, () => feed.ChangedAsync([Row("a", 0, TrafficLight.Red), CustomerSummary.Tombstone("b")],
            new DirectoryPosition(Activation, 8)));

        change.IsEverything.ShouldBeFalse();
        change.Customers.ShouldNotBeNull().OrderBy(id => id).ShouldBe(["a", "b"]);
        change.Touches("a").ShouldBeTrue();
        change.Touches("c").ShouldBeFalse("customer c did not change, so its details page must not reload");
    }

    [Fact]
    public async Task AFullReload_TouchesEveryCustomer()
    {
        var feed = await LoadedAsync(7, Row("a", 0));

        var change = await ChangeAfterAsync(feed, () => ReloadAsync(feed, 3, Row("z", 0)));

        change.IsEverything.ShouldBeTrue();
        change.Touches("any").ShouldBeTrue();
        change.MovesAlarmsOf(_ => false).ShouldBeTrue("after a reload no page can know what moved");
    }

    [Fact]
    public async Task ALinkChange_DoesNotMoveAlarms_ButAChangedTallyDoes_ForTheCustomersShown()
    {
        var feed = await LoadedAsync(7, Row("a", 2, reseller: "north"), Row("b", 0, reseller: "south"));

        var linkOnly = await ChangeAfterAsync(feed, () => feed.ChangedAsync([Row("a", 2, TrafficLight.Red, "north")], new DirectoryPosition(Activation, 8)));
        var tally = await ChangeAfterAsync(feed, () => feed.ChangedAsync([Row("b", 1, reseller: "south")], new DirectoryPosition(Activation, 9)));

        linkOnly.MovesAlarmsOf(_ => true).ShouldBeFalse("a light turning red changes no alarm row");
        tally.MovesAlarmsOf(c => c.Reseller == "south").ShouldBeTrue("customer b's tally went from 0 to 1");
        tally.MovesAlarmsOf(c => c.Reseller == "north").ShouldBeFalse("a user who only sees north has nothing new to show");
    }

    [Fact]
    public async Task DeletingACustomerWithAlarms_MovesAlarms_AsTheRowWas()
    {
        var feed = await LoadedAsync(7, Row("a", 2, reseller: "north"));

        var change = await ChangeAfterAsync(feed, () => feed.ChangedAsync([CustomerSummary.Tombstone("a")], new DirectoryPosition(Activation, 8)));

        change.MovesAlarmsOf(c => c.Reseller == "north").ShouldBeTrue("the deleted customer's alarms leave a list that showed them");
    }
}
