using System.ComponentModel.DataAnnotations;
using Com.Grains.Interfaces.RemoteSupport;

namespace Com.Silo.RemoteSupport;

/// <summary>The remote-support proxy every silo runs (SPEC RS-2; docs/remote-support.md); its addresses are the base class's.</summary>
public sealed class ProxySettings : MaintenanceAddressing
{
    /// <summary>Support staff reach the proxy from anywhere; loopback only until an operator opens it.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Largest request head a client may send before its tunnel; more is refused with 431.</summary>
    [Range(1024, 65536)]
    public int MaxHeadBytes { get; set; } = 8 * 1024;

    /// <summary>Time a client has, from its TLS handshake on, to send its whole request head: slow clients must not hold sockets.</summary>
    public TimeSpan HeadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time the system has to connect to the target and dial back before the client hears 504.</summary>
    public TimeSpan OpenTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A tunnel that carried no byte either way for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>No tunnel lives longer than this, busy or not.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Live tunnels one proxy account may hold on one silo.</summary>
    [Range(1, 100000)]
    public int MaxTunnelsPerAccount { get; set; } = 50;

    /// <summary>Live tunnels one silo holds in all.</summary>
    [Range(1, 1000000)]
    public int MaxTunnels { get; set; } = 2000;

    /// <summary>Failed sign-ins one address may make per minute; beyond it every attempt is refused until the minute ends.</summary>
    [Range(1, 100000)]
    public int FailedSignInsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Failed sign-ins one user name may take per minute, from anywhere.</summary>
    [Range(1, 100000)]
    public int FailedSignInsPerAccountPerMinute { get; set; } = 10;

    /// <summary>
    /// How customer systems reach this silo's maintenance port in particular (<c>https://host:port</c>): a system dials
    /// back to the silo holding a tunnel's client, so each silo needs an address of its own. Unset, the listen address
    /// and port.
    /// </summary>
    public string? DialBackUrl { get; set; }

    /// <summary>The base of this silo's dial-back URLs, without a trailing slash.</summary>
    public string DialBackBase()
    {
        if (!string.IsNullOrWhiteSpace(DialBackUrl))
            return DialBackUrl.TrimEnd('/');
        var host = ListenAddress is "0.0.0.0" or "::" ? System.Net.Dns.GetHostName() : ListenAddress;
        if (host.Contains(':', StringComparison.Ordinal))
            host = $"[{host}]";
        return $"https://{host}:{Port}";
    }

    /// <summary>Port of the admin relay (SPEC RS-7, <c>admin.&lt;domain&gt;:8443</c>); 0 turns it off.</summary>
    [Range(0, 65535)]
    public int RelayPort { get; set; } = 8443;

    /// <summary>The relay's address as browsers reach it; unset, <c>admin.&lt;domain&gt;:&lt;relay port&gt;</c>.</summary>
    public string? RelayPublicAddress { get; set; }

    public string RelayAddress => string.IsNullOrWhiteSpace(RelayPublicAddress) ? $"admin.{Domain}:{RelayPort}" : RelayPublicAddress.Trim();

    /// <summary>The port a system's Web Manager listens on, which the relay reaches through a tunnel.</summary>
    [Range(1, 65535)]
    public int WebManagerPort { get; set; } = 7070;

    /// <summary>How long a relay session lasts after COM opened it, before the user must open it again from COM.</summary>
    public TimeSpan RelaySessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How often the relay checks a relay cookie's user again (account, role, sight of the customer), as COM did when it
    /// handed them over: a user who lost those rights is refused at the first request after this.
    /// </summary>
    public TimeSpan RelayRecheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}
