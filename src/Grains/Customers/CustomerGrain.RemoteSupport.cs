using Com.Grains.Interfaces.RemoteSupport;
using Com.Grains.RemoteSupport;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Customers;

/// <summary>Remote-support tunnels: the grain decides and asks the system through its link; bytes go elsewhere.</summary>
public sealed partial class CustomerGrain : ICustomerTunnelGrain
{
    public async Task<TunnelVerdict> OpenTunnelAsync(TunnelRequest request)
    {
        var (verdict, address) = TunnelRules.Decide(state.State.Record, state.State.Network, Link.IsLive, request);
        if (!verdict.Opened || state.State.Link is not { } live)
            return verdict;
        try
        {
            if (await live.OpenTunnelAsync(state.State.LinkId, new TunnelOpening(request.SessionId, address!, request.Port, request.Connect)))
                return verdict;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The link's silo is gone or unreachable: the client hears 502 with this reason, the log keeps the cause.
            LogTunnelUndelivered(e, Id, request.SessionId);
        }
        return new TunnelVerdict(TunnelRefusal.Unavailable, $"customer {Id}'s link could not take the tunnel request");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: tunnel {SessionId} could not be asked of the system's link")]
    private partial void LogTunnelUndelivered(Exception exception, string customerId, Guid sessionId);
}
