using Com.Grains.Interfaces.Customers;
using Com.Storage.RemoteSupport;
using Microsoft.Extensions.Logging;

namespace Com.Grains.RemoteSupport;

/// <summary>Creates the maintenance proxy accounts of the reseller and distributor a customer names (SPEC RS-1).</summary>
internal static partial class ProxyAccountCreation
{
    /// <summary>
    /// Called once the customer is stored. A failure is logged and swallowed: the customer's change is done and must be
    /// reported as done, and the account is created again by the next save of any customer that names it.
    /// </summary>
    public static async Task EnsureAsync(ProxyAccountStore store, CustomerRecord record, ILogger logger)
    {
        var named = new List<(ProxyAccountKind, string)>(2);
        if (!string.IsNullOrWhiteSpace(record.Reseller))
            named.Add((ProxyAccountKind.Reseller, record.Reseller));
        if (!string.IsNullOrWhiteSpace(record.Distributor))
            named.Add((ProxyAccountKind.Distributor, record.Distributor));
        if (named.Count == 0)
            return;
        try
        {
            await store.EnsureAsync(named);
        }
        catch (Exception e)
        {
            LogFailed(logger, e, record.Id, record.Reseller, record.Distributor);
        }
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Customer {CustomerId} was saved, but the maintenance proxy accounts of reseller {Reseller} and distributor {Distributor} could not be created; the next save of a customer naming them tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string customerId, string? reseller, string? distributor);
}
