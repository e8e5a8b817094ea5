using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Com.Grains.Interfaces.Customers;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// A CONNECT target read with SPEC RS-2's grammar, <c>&lt;customer-id&gt;[-&lt;server&gt;][-&lt;a.b.c.d&gt;].maint.&lt;domain&gt;:&lt;port&gt;</c>
/// (docs/remote-support.md). It is unambiguous because customer IDs have no hyphen, server names are spelled without dots
/// (<see cref="Grains.Interfaces.RemoteSupport.ServerNames"/>) and a nearby address is the only part with dots.
/// </summary>
public sealed record MaintenanceTarget(string CustomerId, string? Server, string? CoLocated, int Port)
{
    public override string ToString() =>
        $"{CustomerId}{(Server is null ? "" : "-" + Server)}{(CoLocated is null ? "" : "-" + CoLocated)}:{Port}";

    /// <summary>Reads <paramref name="authority"/> (<c>host:port</c>); null with the reason when it is not a tunnel host of this COM.</summary>
    public static (MaintenanceTarget? Target, string? Problem) Parse(string authority, string maintenanceSuffix)
    {
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return (null, "the target must be host:port with a port from 1 to 65535");
        var host = authority[..colon].ToLowerInvariant();
        if (host.Length > 253 || host.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.')))
            return (null, "the host name has characters a host name cannot have");
        if (!host.EndsWith(maintenanceSuffix, StringComparison.Ordinal) || host.Length == maintenanceSuffix.Length)
            return (null, $"only hosts under {maintenanceSuffix[1..]} are served: this proxy reaches customer systems, nothing else");
        var name = host[..^maintenanceSuffix.Length];

        string? coLocated = null;
        var firstDot = name.IndexOf('.');
        if (firstDot >= 0)
        {
            // Dots belong to the nearby address alone, which is the last hyphen-separated part.
            var hyphen = name.LastIndexOf('-', firstDot);
            if (hyphen <= 0)
                return (null, "a nearby server's address must follow the customer ID and a hyphen");
            coLocated = name[(hyphen + 1)..];
            if (!IPAddress.TryParse(coLocated, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || ip.ToString() != coLocated)
                return (null, $"'{coLocated}' is not an IPv4 address in dotted form");
            name = name[..hyphen];
        }

        var separator = name.IndexOf('-');
        var customerId = separator < 0 ? name : name[..separator];
        if (!CustomerIds.IsValid(customerId))
            return (null, $"'{customerId}' is not a customer ID");
        string? server = null;
        if (separator >= 0)
        {
            server = name[(separator + 1)..];
            if (server.Length == 0 || server.StartsWith('-') || server.EndsWith('-') || server.Contains("--", StringComparison.Ordinal))
                return (null, "a server name in a host name is letters and digits separated by single hyphens");
        }
        return (new MaintenanceTarget(customerId, server, coLocated, port), null);
    }
}
