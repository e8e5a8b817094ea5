namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>
/// A silo's live tunnels, as an observer the silo registers with <see cref="ITunnelHostRegistryGrain"/>: only the silo
/// holding a tunnel's client socket can end it, and this is how a call reaches that one silo.
/// </summary>
[Alias("com.ITunnelHost")]
public interface ITunnelHost : IGrainObserver
{
    /// <summary>Stops the tunnel's relay with <paramref name="reason"/> as its end; false when this silo holds no such tunnel.</summary>
    [Alias("Terminate")]
    Task<bool> TerminateAsync(Guid sessionId, string reason);
}

/// <summary>
/// Where a silo's <see cref="ITunnelHost"/> is found. Key: the silo's address as the audit's <c>silo</c> column has it
/// (<c>SiloAddress.ToParsableString()</c>). The silo renews its registration every few seconds, so a registry that
/// moved to another silo, or was collected, is whole again within one renewal; one that is not renewed expires.
/// </summary>
[Alias("com.ITunnelHostRegistryGrain")]
public interface ITunnelHostRegistryGrain : IGrainWithStringKey
{
    /// <summary>How often a silo renews its registration.</summary>
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);

    [Alias("Register")]
    Task RegisterAsync(ITunnelHost host);

    [Alias("Unregister")]
    Task UnregisterAsync(ITunnelHost host);

    /// <summary>The silo's answer (<see cref="ITunnelHost.TerminateAsync"/>); null when no live registration exists.</summary>
    [Alias("Terminate")]
    Task<bool?> TerminateAsync(Guid sessionId, string reason);
}
