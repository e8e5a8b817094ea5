using Com.Grains.Interfaces.RemoteSupport;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// This silo's tunnels as an <see cref="ITunnelHost"/>, registered under its own address with the registry grain and
/// renewed every few seconds, so that the tunnel sessions page can end a tunnel on the one silo holding its socket.
/// </summary>
public sealed partial class TunnelHostRegistration(IGrainFactory grains, ILocalSiloDetails silo, LiveTunnels live, ILogger<TunnelHostRegistration> logger)
    : BackgroundService, ITunnelHost
{
    public Task<bool> TerminateAsync(Guid sessionId, string reason) => Task.FromResult(live.Terminate(sessionId, reason));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registry = grains.GetGrain<ITunnelHostRegistryGrain>(silo.SiloAddress.ToParsableString());
        var reference = grains.CreateObjectReference<ITunnelHost>(this);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await registry.RegisterAsync(reference);
                }
                catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
                {
                    // Also while the silo is still joining the cluster; the next round tries again.
                    LogUnregistered(e);
                }
                await Task.Delay(ITunnelHostRegistryGrain.Renewal, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await UnregisterAsync(registry, reference);
            grains.DeleteObjectReference<ITunnelHost>(reference);
        }
    }

    private static async Task UnregisterAsync(ITunnelHostRegistryGrain registry, ITunnelHost reference)
    {
        try
        {
            await registry.UnregisterAsync(reference).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException or ObjectDisposedException)
        {
            // The registration expires by itself a few renewals later.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "This silo's tunnel host could not be registered yet; retrying")]
    private partial void LogUnregistered(Exception exception);
}
