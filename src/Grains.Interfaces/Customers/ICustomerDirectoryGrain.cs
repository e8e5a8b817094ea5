using Orleans.Concurrency;

namespace Com.Grains.Interfaces.Customers;

/// <summary>
/// One summary row per customer, kept in memory and fed by the customer grains, so lists and counts never
/// wake every customer. Key: <see cref="Key"/>.
/// </summary>
[Alias("com.ICustomerDirectoryGrain")]
public interface ICustomerDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "customers";

    /// <summary>Claims a unique customer name for an ID; false when another customer has it.</summary>
    [Alias("ReserveName")]
    Task<bool> ReserveNameAsync(string name, string customerId);

    /// <summary>Gives a name back when the customer that reserved it could not be created.</summary>
    [Alias("ReleaseName")]
    Task ReleaseNameAsync(string name, string customerId);

    /// <summary>A customer's row changed.</summary>
    [Alias("Upsert"), OneWay]
    Task UpsertAsync(CustomerSummary summary);

    /// <summary>Customers whose live link is held by <paramref name="silo"/>, to be marked offline when that silo dies.</summary>
    [Alias("LinkedThrough")]
    Task<CustomerSummary[]> LinkedThroughAsync(string silo);

    [Alias("List")]
    Task<CustomerSummary[]> ListAsync();

    /// <summary>Registers a web front to hear about changes; registrations expire unless renewed.</summary>
    /// <returns>This activation's id: when it changes, the directory moved or restarted, and the caller's copy must be reloaded.</returns>
    [Alias("Subscribe")]
    Task<Guid> SubscribeAsync(ICustomerDirectoryObserver observer);
}

/// <summary>A web front process listening for directory changes.</summary>
[Alias("com.ICustomerDirectoryObserver")]
public interface ICustomerDirectoryObserver : IGrainObserver
{
    [Alias("Changed"), OneWay]
    Task ChangedAsync(CustomerSummary[] changed);
}
