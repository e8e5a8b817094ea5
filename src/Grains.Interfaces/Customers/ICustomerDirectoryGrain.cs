using Orleans.Concurrency;

namespace Com.Grains.Interfaces.Customers;

/// <summary>
/// One summary row per customer, kept in memory and in PostgreSQL and fed by the customer grains, so lists and counts
/// never wake every customer. Names live in their own table (<c>CustomerNameStore</c>). Key: <see cref="Key"/>.
/// </summary>
[Alias("com.ICustomerDirectoryGrain")]
public interface ICustomerDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "customers";

    /// <summary>A customer's row changed; a <see cref="CustomerSummary.Removed"/> row deletes it. Completes once the row is stored; confirmed rather than one-way, so the sender knows to send it again.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(CustomerSummary summary);

    /// <summary>One customer's row, as the directory holds it now; null when it has none.</summary>
    [Alias("Get")]
    Task<CustomerSummary?> GetAsync(string customerId);

    /// <summary>How many customers show each traffic light, counted where the rows are.</summary>
    [Alias("CountByLight")]
    Task<Dictionary<TrafficLight, int>> CountByLightAsync();

    /// <summary>
    /// The customers whose systems take the nightly backup: remote upgrade/backup flag on and able to act remotely
    /// (SPEC BKP-1, BKP-3), with the zone each reported.
    /// </summary>
    [Alias("BackupCandidates")]
    Task<BackupCandidate[]> BackupCandidatesAsync();

    /// <summary>The reseller and distributor names customers give, each once without case (SPEC RS-1's proxy accounts).</summary>
    [Alias("Partners")]
    Task<CustomerPartners> PartnersAsync();

    /// <summary>Every row, with the number of the last change batch sent to subscribers, which the rows include.</summary>
    [Alias("Snapshot")]
    Task<DirectorySnapshot> SnapshotAsync();

    /// <summary>Registers a web front to hear about changes; registrations expire unless renewed.</summary>
    /// <returns>
    /// This activation's id (when it changes, the directory moved or restarted, and the caller's copy must be reloaded)
    /// and the number of the last change batch sent, so a caller can tell it missed one.
    /// </returns>
    [Alias("Subscribe")]
    Task<DirectoryPosition> SubscribeAsync(ICustomerDirectoryObserver observer);
}

/// <summary>A system the nightly backup covers: <paramref name="TimeZone"/> is the IANA zone it reported, or null.</summary>
[GenerateSerializer, Immutable, Alias("com.BackupCandidate.v1")]
public sealed record BackupCandidate(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? TimeZone,
    [property: Id(2)] SystemProfile Profile);

/// <summary>The resellers and distributors customers name, trimmed.</summary>
[GenerateSerializer, Immutable, Alias("com.CustomerPartners.v1")]
public sealed record CustomerPartners([property: Id(0)] string[] Resellers, [property: Id(1)] string[] Distributors);

/// <summary>Where a directory activation is in its stream of change batches.</summary>
[GenerateSerializer, Immutable, Alias("com.DirectoryPosition.v1")]
public sealed record DirectoryPosition([property: Id(0)] Guid Activation, [property: Id(1)] long Batch);

/// <summary>Every row as of batch <see cref="Position"/>.</summary>
[GenerateSerializer, Immutable, Alias("com.DirectorySnapshot.v1")]
public sealed record DirectorySnapshot([property: Id(0)] DirectoryPosition Position, [property: Id(1)] CustomerSummary[] Customers);

/// <summary>A web front process listening for directory changes.</summary>
[Alias("com.ICustomerDirectoryObserver")]
public interface ICustomerDirectoryObserver : IGrainObserver
{
    /// <summary>Rows changed; batches are numbered from 1 in each directory activation.</summary>
    [Alias("Changed"), OneWay]
    Task ChangedAsync(CustomerSummary[] changed, DirectoryPosition position);
}
