using System.IO.Pipelines;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Silo.Devices;
using Microsoft.Extensions.Options;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// Opens a tunnel for the proxy or the admin relay: registers a token on this silo, has the customer's grain decide
/// and ask the system, and waits for the system's data connection. The caller owns the result and disposes it when the
/// tunnel ends, which also ends the system's dial-back request.
/// </summary>
public sealed partial class TunnelOpener(
    IGrainFactory grains,
    TunnelRendezvous rendezvous,
    IOptions<ProxySettings> options,
    TimeProvider time,
    ILogger<TunnelOpener> logger)
{
    private readonly ProxySettings settings = options.Value;
    private readonly string dialBackBase = options.Value.DialBackBase();

    public async Task<OpenedTunnel> OpenAsync(Guid sessionId, string accountKind, string accountName, MaintenanceTarget target, TunnelPurpose purpose, CancellationToken cancellationToken)
    {
        var pending = rendezvous.Register();
        try
        {
            var request = new TunnelRequest(sessionId, accountKind, accountName, target.Server, target.CoLocated, target.Port,
                $"{dialBackBase}{DeviceProtocol.Tunnels.Path}/{pending.Token}", purpose);
            TunnelVerdict verdict;
            try
            {
                verdict = await grains.GetGrain<ICustomerTunnelGrain>(CustomerIds.GrainKey(target.CustomerId)).OpenTunnelAsync(request);
            }
            catch (Exception e) when (DeviceConnection.IsClusterTrouble(e))
            {
                LogGrainUnreachable(e, target.CustomerId);
                return Failed(pending, 503, "COM cannot reach this customer's state right now; try again shortly");
            }
            if (!verdict.Opened)
                return Failed(pending, verdict.Refusal switch { TunnelRefusal.NotFound => 404, TunnelRefusal.Forbidden => 403, _ => 502 }, verdict.Reason);
            try
            {
                var data = await pending.Arrived.WaitAsync(settings.OpenTimeout, time, cancellationToken);
                return new OpenedTunnel(200, "opened", verdict.Target, data, pending);
            }
            catch (TimeoutException)
            {
                return Failed(pending, 504, $"the system did not connect the tunnel within {settings.OpenTimeout.TotalSeconds:0} s");
            }
            catch (TunnelFailedException failed)
            {
                return Failed(pending, 502, $"the system could not reach {verdict.Target}: {failed.Message}");
            }
        }
        catch
        {
            pending.Dispose();
            throw;
        }
    }

    private static OpenedTunnel Failed(TunnelRendezvous.Pending pending, int status, string reason)
    {
        pending.Dispose();
        return new OpenedTunnel(status, reason, null, null, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach customer {CustomerId}'s grain to open a tunnel")]
    private partial void LogGrainUnreachable(Exception exception, string customerId);
}

/// <summary>
/// A tunnel attempt's outcome: <see cref="Status"/> 200 with the system's data connection, or the status and reason for
/// the client. Disposing it lets the system's dial-back request end, closing the data connection.
/// </summary>
public sealed record OpenedTunnel(int Status, string Reason, string? Target, IDuplexPipe? Data, TunnelRendezvous.Pending? Pending) : IDisposable
{
    public bool Opened => Data is not null;

    public void Dispose() => Pending?.Dispose();
}
