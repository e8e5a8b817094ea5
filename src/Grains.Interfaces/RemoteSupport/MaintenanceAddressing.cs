using System.ComponentModel.DataAnnotations;

namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>
/// Where support staff reach the remote-support proxy and how they name a target (SPEC RS-2, docs/remote-support.md).
/// The proxy that parses host names and the pages that print them both read these settings (section
/// <c>Com:RemoteSupport</c>), so what a page offers is what the proxy accepts.
/// </summary>
public class MaintenanceAddressing
{
    public const string Section = "Com:RemoteSupport";

    /// <summary>Port of the TLS proxy (<c>maint.&lt;domain&gt;:6443</c>); 0 turns the proxy off.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 6443;

    /// <summary>COM's domain: tunnel hosts are <c>&lt;customer-id&gt;[-&lt;server&gt;][-&lt;address&gt;].maint.&lt;domain&gt;</c>.</summary>
    [Required, RegularExpression("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")]
    public string Domain { get; set; } = "localhost";

    /// <summary>
    /// The proxy's address as browsers and tools reach it (<c>host:port</c>), written into the PAC file, the how-to and
    /// the commands of the customer page; unset, <c>maint.&lt;domain&gt;:&lt;port&gt;</c>.
    /// </summary>
    public string? PublicAddress { get; set; }

    public string ProxyAddress => string.IsNullOrWhiteSpace(PublicAddress) ? $"maint.{Domain}:{Port}" : PublicAddress.Trim();

    /// <summary>The host suffix every tunnel host ends with.</summary>
    public string MaintenanceSuffix => ".maint." + Domain;

    /// <summary>
    /// The tunnel host of <paramref name="customerId"/>'s server <paramref name="serverName"/> (the system itself when
    /// null), or of the nearby server at <paramref name="nearbyAddress"/> reached through it. Null when the server's
    /// name has no letter or digit to spell it with (<see cref="ServerNames.Slug"/>).
    /// </summary>
    public string? Host(string customerId, string? serverName = null, string? nearbyAddress = null)
    {
        var slug = serverName is null ? null : ServerNames.Slug(serverName);
        if (slug is "")
            return null;
        return $"{customerId.ToLowerInvariant()}{(slug is null ? "" : "-" + slug)}{(nearbyAddress is null ? "" : "-" + nearbyAddress)}{MaintenanceSuffix}";
    }
}
