using Com.Grains.Interfaces.RemoteSupport;
using Orleans.Concurrency;

namespace Com.Grains.RemoteSupport;

/// <summary>
/// Holds one silo's <see cref="ITunnelHost"/> in memory only: the silo renews it every few seconds, which rebuilds it
/// after a move and keeps the activation from being collected; a registration not renewed for three rounds is that of a
/// silo that stopped, and no call is sent to it. Reentrant: a slow silo's answer must not hold up its renewals.
/// </summary>
[Reentrant]
public sealed class TunnelHostRegistryGrain(TimeProvider time) : Grain, ITunnelHostRegistryGrain
{
    private static readonly TimeSpan Expiry = ITunnelHostRegistryGrain.Renewal * 3;
    private ITunnelHost? host;
    private long renewed;

    public Task RegisterAsync(ITunnelHost host)
    {
        this.host = host;
        renewed = time.GetTimestamp();
        return Task.CompletedTask;
    }

    public Task UnregisterAsync(ITunnelHost host)
    {
        if (Equals(this.host, host))
            this.host = null;
        return Task.CompletedTask;
    }

    public async Task<bool?> TerminateAsync(Guid sessionId, string reason)
    {
        if (host is null || time.GetElapsedTime(renewed) > Expiry)
            return null;
        return await host.TerminateAsync(sessionId, reason);
    }
}
