using System.Net.WebSockets;
using Com.DeviceProtocol;
using Microsoft.Extensions.Options;

namespace Com.Silo.Devices;

/// <summary>Accepts customer systems' WebSockets on <c>/cpe/link</c> and runs each as a <see cref="DeviceConnection"/>.</summary>
public sealed class DeviceGateway(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<DeviceGatewaySettings> options,
    AttemptLimiter limiter,
    DeviceConnections connections,
    TimeProvider time,
    ILogger<DeviceGateway> logger)
{
    private readonly DeviceGatewaySettings settings = options.Value;

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("This endpoint takes WebSocket links from customer systems only.");
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveTimeout,
        });
        using var connection = new DeviceConnection(socket, grains, silo.SiloAddress.ToParsableString(), settings, time, logger);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!limiter.TryAttempt(address, settings.AttemptsPerAddressPerMinute))
        {
            await connection.RefuseAsync(null, RefusalReasons.HelloFlood, "too many link attempts from this address; wait a minute");
            return;
        }
        connections.Add(connection);
        try
        {
            await connection.RunAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // The device vanished mid-conversation; the connection already told its grain.
        }
        finally
        {
            connections.Remove(connection);
        }
    }
}
