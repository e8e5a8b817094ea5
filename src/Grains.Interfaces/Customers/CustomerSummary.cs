using Com.Grains.Interfaces.Alarms;

namespace Com.Grains.Interfaces.Customers;

/// <summary>One row of the customer list and one unit of the dashboard counts.</summary>
[GenerateSerializer, Immutable, Alias("com.CustomerSummary.v1")]
public sealed record CustomerSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? SystemName,
    [property: Id(3)] Connectivity Connectivity,
    [property: Id(4)] SystemProfile Profile,
    [property: Id(5)] string? Version,
    [property: Id(6)] int ServerCount,
    [property: Id(7)] int OngoingAlarms,
    [property: Id(8)] string? Reseller,
    [property: Id(9)] string? Distributor,
    [property: Id(10)] LiveLink? Link = null,
    [property: Id(11)] AlarmTally? Alarms = null,
    [property: Id(12)] IReadOnlyList<string>? Tags = null,
    [property: Id(13)] IReadOnlyList<string>? AssignedOperators = null,
    [property: Id(14)] string? Notes = null,
    [property: Id(15)] RemoteOperationFlags? Flags = null,
    [property: Id(16)] bool Removed = false,
    [property: Id(17)] long Revision = 0,
    [property: Id(18)] ActionStatus? LatestAction = null,
    [property: Id(19)] string? TimeZone = null)
{
    public IReadOnlyList<string> TagList => Tags ?? [];

    public IReadOnlyList<string> OperatorList => AssignedOperators ?? [];

    /// <summary>The row a deleted customer leaves in change batches, telling every copy to drop it.</summary>
    public static CustomerSummary Tombstone(string id, long revision = 0) =>
        new(id, "", null, new Connectivity(TrafficLight.Red, ConnectivityCode.Offline, DateTimeOffset.UnixEpoch), SystemProfile.Unknown,
            null, 0, 0, null, null, Removed: true, Revision: revision);

    /// <summary>
    /// Whether this row may replace <paramref name="held"/>: rows of one customer are ordered by the revision of the state
    /// they were made from, so a late row from an older state never overwrites a newer one. A tombstone always does: only
    /// a deletion sends one, and deleting again must remove a row left behind.
    /// </summary>
    public bool Supersedes(CustomerSummary held) => Removed || Revision >= held.Revision;

    /// <summary>Listed alarms by severity and type; none for rows stored before alarms were counted.</summary>
    public AlarmTally AlarmCounts => Alarms ?? AlarmTally.Empty;
}

/// <summary>Where a customer's live link is: the silo holding the socket, and the link's id.</summary>
[GenerateSerializer, Immutable, Alias("com.LiveLink.v1")]
public sealed record LiveLink(
    [property: Id(0)] string Silo,
    [property: Id(1)] Guid LinkId);
