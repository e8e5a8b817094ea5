using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Customers;

/// <summary>
/// The rules of a customer's live link, over the grain's state: which link is current, when one replaces another, and
/// what going offline changes. The grain decides when to save; this class only changes the state.
/// </summary>
internal sealed class LinkLifecycle(Func<CustomerState> state)
{
    private CustomerState State => state();

    /// <summary>A call from <paramref name="linkId"/> still speaks for the customer.</summary>
    public bool IsCurrent(Guid linkId) => State.Link is not null && linkId == State.LinkId;

    /// <summary>A link is held and has not been reported lost.</summary>
    public bool IsLive => State.Link is not null && State.Connectivity?.Code is not ConnectivityCode.Offline;

    /// <summary>The link a reactivated grain remembers, when its connectivity says it was up.</summary>
    public (IDeviceLink Link, Guid LinkId)? Remembered =>
        State.Link is { } link && State.Connectivity?.Code is not (ConnectivityCode.Offline or null) ? (link, State.LinkId) : null;

    /// <summary>Takes a newly accepted link; returns the link it replaces, which the caller closes.</summary>
    public (IDeviceLink Link, Guid LinkId)? Attach(LinkHello hello, IDeviceLink link, DateTimeOffset now)
    {
        (IDeviceLink, Guid)? replaced = State.Link is { } previous && State.LinkId != hello.LinkId ? (previous, State.LinkId) : null;
        State.Link = link;
        State.LinkId = hello.LinkId;
        State.LinkSilo = hello.Silo;
        State.Network = hello.Network;
        State.Account = hello.Account;
        State.LastConnected = now;
        State.Connectivity = ConnectivityRules.OfLiveLink(hello.Network, hello.Account, now);
        return replaced;
    }

    public void MarkOffline(DateTimeOffset at)
    {
        State.Link = null;
        State.LastDisconnected = at;
        State.Connectivity = new Connectivity(TrafficLight.Red, ConnectivityCode.Offline, at);
    }

    /// <summary>Where lists show the link: the silo holding the socket and the link's id.</summary>
    public LiveLink? Shown => State.Link is null ? null : new LiveLink(State.LinkSilo, State.LinkId);
}
