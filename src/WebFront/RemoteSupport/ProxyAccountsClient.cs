using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.RemoteSupport;
using Com.WebFront.Accounts;

namespace Com.WebFront.RemoteSupport;

/// <summary>
/// The maintenance proxy accounts page's door to the cluster, acting as the signed-in user. The grain decides which
/// accounts the user sees and whether a change is allowed; refusals and failovers come back as resource keys.
/// </summary>
public sealed class ProxyAccountsClient(IGrainFactory grains, ClusterCalls calls)
{
    /// <summary>Whether the page and its menu entry are for <paramref name="role"/>; the grain checks the labels.</summary>
    public static bool MayUse(Role role) => Permissions.Allows(role, Capability.ManageProxyAccounts);

    /// <summary>
    /// A page of the accounts the user may set. They are few (one per reseller and distributor of the user's labels), so
    /// the grain sends them all and the filter, search, sort and paging are applied here.
    /// </summary>
    public async Task<ProxyAccountPage> QueryAsync(ProxyAccountFilter filter) =>
        ProxyAccountQuery.Apply(await calls.ReadAsync(actor => Accounts.ListAsync(actor), []), filter);

    /// <summary>
    /// The proxy user name the signed-in user signs in with for <paramref name="customer"/> (SPEC RS-5): of the account of
    /// its reseller, else of its distributor, among those of the user's labels; null when none is set.
    /// </summary>
    public async Task<string?> SupportUserNameAsync(CustomerRecord customer)
    {
        var accounts = await calls.ReadAsync(actor => Accounts.ListForSupportAsync(actor), []);
        return new[] { (ProxyAccountOwner.Reseller, customer.Reseller), (ProxyAccountOwner.Distributor, customer.Distributor) }
            .Where(owner => !string.IsNullOrWhiteSpace(owner.Item2))
            .Select(owner => accounts.FirstOrDefault(a => a.Owner == owner.Item1 && a.HasCredentials
                && string.Equals(a.Name.Trim(), owner.Item2!.Trim(), StringComparison.OrdinalIgnoreCase))?.UserName)
            .FirstOrDefault(name => name is not null);
    }

    /// <summary>Sets the credentials; the refusal's resource key, or null when set.</summary>
    public Task<string?> SetAsync(ProxyCredentials credentials) => calls.AttemptAsync(actor => Accounts.SetCredentialsAsync(actor, credentials));

    private IProxyAccountsGrain Accounts => grains.GetGrain<IProxyAccountsGrain>(0);
}
