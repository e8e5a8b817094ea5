using Com.Grains.Interfaces.RemoteSupport;
using Com.Overview.Customers;
using Com.WebFront.Accounts;

namespace Com.WebFront.RemoteSupport;

/// <summary>What the tunnel list shows: its filter, search, sort (null: newest first) and page.</summary>
public sealed record TunnelFilter(
    TunnelSessionState State = TunnelSessionState.All,
    string? Search = null,
    TunnelSessionSort? Sort = null,
    bool Descending = true,
    int Page = 0,
    int PageSize = 25);

/// <summary>
/// The tunnel sessions page's door to the cluster, acting as the signed-in user; the grain checks the role again. Customer
/// names come from this process's directory copy: the search also finds tunnels of customers whose name matches.
/// </summary>
public sealed class TunnelSessionsClient(IGrainFactory grains, CurrentUser user, CustomerDirectoryFeed directory)
{
    private ITunnelSessionsGrain Sessions => grains.GetGrain<ITunnelSessionsGrain>(0);

    /// <exception cref="Grains.Interfaces.Accounts.AccountRejectedException">The user may not see tunnel sessions.</exception>
    public async Task<TunnelSessionPage> QueryAsync(TunnelFilter filter)
    {
        var actor = await user.ActorAsync() ?? throw new Grains.Interfaces.Accounts.AccountRejectedException("NotAllowed");
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        var named = search is null ? null
            : directory.Snapshot().Where(c => c.Name.Contains(search, StringComparison.OrdinalIgnoreCase)).Select(c => c.Id).Take(1000).ToArray();
        return await Sessions.QueryAsync(actor, new TunnelSessionQuery(filter.State, search, named, filter.Sort, filter.Descending, filter.Page, filter.PageSize));
    }

    /// <summary>The customer's name as the directory knows it; null for a customer gone since.</summary>
    public string? CustomerName(string customerId) => directory.Find(customerId)?.Name;

    /// <exception cref="Grains.Interfaces.Accounts.AccountRejectedException">The user may not end tunnels.</exception>
    public async Task<TunnelTermination> TerminateAsync(Guid sessionId)
    {
        var actor = await user.ActorAsync() ?? throw new Grains.Interfaces.Accounts.AccountRejectedException("NotAllowed");
        return await Sessions.TerminateAsync(actor, sessionId);
    }
}
