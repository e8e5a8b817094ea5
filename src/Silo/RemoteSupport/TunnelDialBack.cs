using Com.DeviceProtocol;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// A system's data connection for a tunnel, on the device port: <c>GET /cpe/tunnels/{token}</c> upgraded to
/// <c>com-tunnel</c>, held open while the relay runs. The one-time token is the only credential, as for command files.
/// </summary>
public sealed partial class TunnelDialBack(TunnelRendezvous rendezvous, ILogger<TunnelDialBack> logger)
{
    private static readonly HashSet<string> Reasons = [Tunnels.Refused, Tunnels.Unreachable, Tunnels.TimedOut, Tunnels.NotAllowed];

    public async Task HandleAsync(HttpContext http, string token)
    {
        if (rendezvous.Take(token) is not { } pending)
        {
            LogUnknownToken(http.Connection.RemoteIpAddress);
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (http.Request.Query["failed"] is { Count: 1 } failed)
        {
            var reason = failed[0] is { } code && Reasons.Contains(code) ? code : "failed";
            pending.Fail(reason);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true } || !string.Equals(http.Request.Headers.Upgrade, Tunnels.UpgradeProtocol, StringComparison.OrdinalIgnoreCase))
        {
            pending.Fail("the system's data connection did not upgrade to " + Tunnels.UpgradeProtocol);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        // A tunnel is quiet for as long as its user is: Kestrel's body limits would cut it after 5 s below 240 bytes/s,
        // and its size limit after 30 MB.
        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minimumIn)
            minimumIn.MinDataRate = null;
        if (http.Features.Get<IHttpMinResponseDataRateFeature>() is { } minimumOut)
            minimumOut.MinDataRate = null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } largest)
            largest.MaxRequestBodySize = null;
        http.Response.Headers.Upgrade = Tunnels.UpgradeProtocol;
        var data = await upgrade.UpgradeAsync();
        if (!pending.Connect(data))
        {
            await data.DisposeAsync();
            return;
        }
        // The connection lives as long as this request: hold it until the relay is done with it.
        await pending.RelayEnded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A tunnel dial-back from {Address} presented an unknown or used token")]
    private partial void LogUnknownToken(System.Net.IPAddress? address);
}
