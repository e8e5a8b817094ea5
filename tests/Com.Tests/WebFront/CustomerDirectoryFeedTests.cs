using Com.Grains.Interfaces.Customers;
using Com.Overview.Customers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Com.Tests.WebFront;

/// <summary>How a web process's copy of the directory applies numbered batches: in order, never backwards, and a gap asks for a reload.</summary>
public sealed class CustomerDirectoryFeedTests
{
    private static readonly Guid Activation = Guid.NewGuid();

    private static CustomerSummary Row(string id, int alarms) =>
        new(id, $"Customer {id}", null, new Connectivity(TrafficLight.Green, ConnectivityCode.Connected, DateTimeOffset.UnixEpoch),
            SystemProfile.Unknown, null, 1, alarms, null, null);

    private static async Task<CustomerDirectoryFeed> LoadedAsync(long batch, params CustomerSummary[] rows)
    {
        var feed = new CustomerDirectoryFeed(null!, NullLogger<CustomerDirectoryFeed>.Instance);
        await feed.ReloadAsync(new OneSnapshot(new DirectorySnapshot(new DirectoryPosition(Activation, batch), rows)));
        return feed;
    }

    private static int AlarmsOf(CustomerDirectoryFeed feed, string id) => feed.Snapshot().Single(c => c.Id == id).OngoingAlarms;

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
        await feed.ReloadAsync(new OneSnapshot(new DirectorySnapshot(new DirectoryPosition(Activation, 9), [Row("a", 1), Row("b", 4)])));
        feed.MissedBatch.ShouldBeFalse();
        AlarmsOf(feed, "b").ShouldBe(4);
    }

    /// <summary>A directory that only answers with one snapshot.</summary>
    private sealed class OneSnapshot(DirectorySnapshot snapshot) : ICustomerDirectoryGrain
    {
        public Task<DirectorySnapshot> SnapshotAsync() => Task.FromResult(snapshot);

        public Task<bool> ReserveNameAsync(string name, string customerId) => throw new NotSupportedException();

        public Task ReleaseNameAsync(string name, string customerId) => throw new NotSupportedException();

        public Task<bool> MoveNameAsync(string oldName, string oldId, string newName, string newId) => throw new NotSupportedException();

        public Task UpsertAsync(CustomerSummary summary) => throw new NotSupportedException();

        public Task<CustomerSummary[]> LinkedThroughAsync(string silo) => throw new NotSupportedException();

        public Task<CustomerSummary[]> ListAsync() => throw new NotSupportedException();

        public Task<DirectoryPosition> SubscribeAsync(ICustomerDirectoryObserver observer) => throw new NotSupportedException();
    }
}
