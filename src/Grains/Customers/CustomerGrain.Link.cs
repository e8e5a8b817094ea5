using Com.DeviceProtocol;
using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace Com.Grains.Customers;

/// <summary>What the device gateway calls: hellos, server reports and lost links (ADR 6).</summary>
public sealed partial class CustomerGrain
{
    public async Task<LinkVerdict> ConnectAsync(LinkHello hello, IDeviceLink link)
    {
        var now = time.GetUtcNow();
        if (state.State.Record is not { } record)
        {
            lastRefused = new RefusedHello(hello.ServiceUser, hello.Password, now);
            return LinkVerdict.Refused(RefusalReasons.UnknownCustomer, new Connectivity(TrafficLight.Red, ConnectivityCode.ConnectionFailed, now));
        }

        if (ConnectivityRules.Refusal(hello, record, ServicePassword()) is var (reason, code))
        {
            var refused = new Connectivity(ConnectivityRules.LightOf(code), code, now);
            lastRefused = new RefusedHello(hello.ServiceUser, hello.Password, now);
            // A live link outranks a refused attempt: whoever knows the ID must not be able to turn a healthy customer orange.
            if (!Link.IsLive)
            {
                state.State.Connectivity = refused;
                await SaveAsync();
            }
            LogRefused(Id, reason);
            return LinkVerdict.Refused(reason, refused);
        }

        var replaced = Link.Attach(hello, link, now);
        await SaveAsync();
        if (replaced is var (previous, previousId))
            previous.CloseInBackground(previousId, RefusalReasons.Replaced, Id, logger);
        FollowTheLink(hello.Silo);
        return new LinkVerdict(true, null, state.State.Connectivity!);
    }

    public async Task ReportConnectionFailedAsync()
    {
        if (state.State.Record is null || Link.IsLive)
            return;
        state.State.Connectivity = new Connectivity(TrafficLight.Red, ConnectivityCode.ConnectionFailed, time.GetUtcNow());
        await SaveAsync();
    }

    public async Task LinkLostAsync(Guid linkId, DateTimeOffset at)
    {
        if (!Link.IsCurrent(linkId))
            return;
        Link.MarkOffline(at);
        await SaveAsync();
    }

    public async Task<bool> ReportServersAsync(Guid linkId, ServerInfo[] servers)
    {
        if (!Link.IsCurrent(linkId) || state.State.Network is not { } network)
            return false;
        var changed = network with { Servers = servers };
        if (changed.Servers.SequenceEqual(network.Servers))
            return true;
        state.State.Network = changed;
        var connectivity = ConnectivityRules.OfLiveLink(changed, state.State.Account ?? ServiceAccountReport.Healthy, time.GetUtcNow());
        if (connectivity.Code != state.State.Connectivity?.Code || connectivity.Detail != state.State.Connectivity?.Detail)
            state.State.Connectivity = connectivity;
        await SaveAsync();
        return true;
    }

    /// <summary>
    /// Moves this activation, state and all, to the silo holding the socket once this call is done, so commands and tunnel
    /// bytes do not cross silos after a device reconnected elsewhere.
    /// </summary>
    private void FollowTheLink(string linkSilo)
    {
        if (string.IsNullOrEmpty(linkSilo) || linkSilo == silo.SiloAddress.ToParsableString())
            return;
        RequestContext.Set(IPlacementDirector.PlacementHintKey, SiloAddress.FromParsableString(linkSilo));
        this.MigrateOnIdle();
    }

    /// <summary>After a reactivation (its silo died, or it idled out), find out whether the link it remembers still lives.</summary>
    private async Task ConfirmLinkAsync(IDeviceLink remembered, Guid linkId)
    {
        bool open;
        if (!LinkSiloMayBeAlive())
        {
            // Its silo is dead: asking would only wait out the timeout while the device's new hello waits behind it.
            Link.MarkOffline(time.GetUtcNow());
            await SaveAsync();
            return;
        }
        try
        {
            open = await remembered.IsOpenAsync(linkId).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The silo that held the socket is gone or unreachable: the link is as good as lost.
            LogLinkUnconfirmed(e, Id);
            open = false;
        }
        catch (Exception e)
        {
            // Not a failover but a fault; it must not stop the customer from activating, so its system can link again.
            LogLinkCheckFailed(e, Id);
            open = false;
        }
        if (!open)
        {
            Link.MarkOffline(time.GetUtcNow());
            await SaveAsync();
        }
    }

    /// <summary>False when membership already knows the silo that held the socket is gone; a silo it has not heard of yet may be new.</summary>
    private bool LinkSiloMayBeAlive()
    {
        if (string.IsNullOrEmpty(state.State.LinkSilo))
            return true;
        var status = membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(state.State.LinkSilo));
        return status is not (SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Link of customer {CustomerId} refused: {Reason}")]
    private partial void LogRefused(string customerId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The remembered link of customer {CustomerId} did not answer; it is marked offline")]
    private partial void LogLinkUnconfirmed(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the remembered link of customer {CustomerId} failed; it is marked offline")]
    private partial void LogLinkCheckFailed(Exception exception, string customerId);
}
