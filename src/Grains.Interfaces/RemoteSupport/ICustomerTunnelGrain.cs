namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>The customer grain's remote-support side: it alone knows the system's owners, flags, whitelist and link.</summary>
[Alias("com.ICustomerTunnelGrain")]
public interface ICustomerTunnelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks the request against SPEC RS-2's rules and, when they allow it, asks the system through its link to open the
    /// tunnel. Bytes never pass through here: the system dials <see cref="TunnelRequest.Connect"/> itself.
    /// </summary>
    [Alias("OpenTunnel")]
    Task<TunnelVerdict> OpenTunnelAsync(TunnelRequest request);
}
