using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;
using Com.Overview.Customers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Com.Tests.WebFront;

/// <summary>Rows and a loaded directory copy for the feed and subscription tests.</summary>
internal static class DirectoryFeedTestRows
{
    public static readonly Guid Activation = Guid.NewGuid();

    public static CustomerSummary Row(string id, int alarms, TrafficLight light = TrafficLight.Green, string? reseller = null) =>
        new(id, $"Customer {id}", null, new Connectivity(light, ConnectivityCode.Connected, DateTimeOffset.UnixEpoch),
            SystemProfile.Unknown, null, 1, alarms, reseller, null, Alarms: Tally(alarms));

    public static AlarmTally Tally(int majors)
    {
        var bySeverity = new int[AlarmKinds.Severities.Count];
        bySeverity[(int)AlarmSeverity.Major] = majors;
        var byCategory = new int[AlarmKinds.Categories.Count];
        byCategory[0] = majors;
        return new AlarmTally(bySeverity, byCategory, majors);
    }

    public static async Task<CustomerDirectoryFeed> LoadedAsync(long batch, params CustomerSummary[] rows)
    {
        var feed = new CustomerDirectoryFeed(null!, NullLogger<CustomerDirectoryFeed>.Instance);
        await feed.ReloadAsync(new OneSnapshot(new DirectorySnapshot(new DirectoryPosition(Activation, batch), rows)));
        return feed;
    }

    public static Task ReloadAsync(CustomerDirectoryFeed feed, long batch, params CustomerSummary[] rows) =>
        feed.ReloadAsync(new OneSnapshot(new DirectorySnapshot(new DirectoryPosition(Activation, batch), rows)));

    /// <summary>A directory that only answers with one snapshot.</summary>
    private sealed class OneSnapshot(DirectorySnapshot snapshot) : ICustomerDirectoryGrain
    {
        public Task<DirectorySnapshot> SnapshotAsync() => Task.FromResult(snapshot);

        public Task UpsertAsync(CustomerSummary summary) => throw new NotSupportedException();

        public Task<CustomerSummary?> GetAsync(string customerId) => throw new NotSupportedException();

        public Task<Dictionary<TrafficLight, int>> CountByLightAsync() => throw new NotSupportedException();

        public Task<BackupCandidate[]> BackupCandidatesAsync() => throw new NotSupportedException();

        public Task<CustomerPartners> PartnersAsync() => throw new NotSupportedException();

        public Task<DirectoryPosition> SubscribeAsync(ICustomerDirectoryObserver observer) => throw new NotSupportedException();
    }
}
