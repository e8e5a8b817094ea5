using System.Net;
using System.Net.Sockets;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.RemoteSupport;

namespace Com.Grains.RemoteSupport;

/// <summary>
/// SPEC RS-2's rules for one tunnel, in one place: who may reach which customer, when the system allows it, and which
/// nearby addresses and ports it opened. Anything not allowed here is refused: COM must never be an open proxy.
/// </summary>
public static class TunnelRules
{
    /// <summary>The address to ask the system to connect to, or the refusal.</summary>
    public static (TunnelVerdict Verdict, string? Address) Decide(CustomerRecord? record, NetworkReport? network, bool linked, TunnelRequest request)
    {
        if (record is null)
            return (new(TunnelRefusal.NotFound, "no such customer"), null);
        var relay = request.Purpose == TunnelPurpose.AdminRelay;
        if (!relay && !Owns(record, request.AccountKind, request.AccountName))
            return (new(TunnelRefusal.Forbidden, $"the {request.AccountKind} account '{request.AccountName}' does not serve customer {record.Id}"), null);
        if (network is null)
            return (new(TunnelRefusal.Unavailable, $"customer {record.Id}'s system has never linked to COM"), null);
        if (!relay && !network.Flags.RemoteAccess)
            return (new(TunnelRefusal.Forbidden, $"remote access is disabled on customer {record.Id}'s system"), null);
        if (relay && !network.Flags.CentralManagement)
            return (new(TunnelRefusal.Forbidden, $"central management is disabled on customer {record.Id}'s system"), null);
        if (relay && request.CoLocated is { } own)
        {
            // The relay's /<customer-id>/<a.b.c.d>/ form: one of the system's own servers, as its link reports them;
            // never a nearby address, and nothing the system does not report.
            if (!IPAddress.TryParse(own, out var ownIp) || ownIp.AddressFamily != AddressFamily.InterNetwork || ownIp.ToString() != own)
                return (new(TunnelRefusal.NotFound, $"'{own}' is not an IPv4 address in dotted form"), null);
            var target = network.Servers.FirstOrDefault(s => s.Address == own);
            if (target is null)
                return (new(TunnelRefusal.NotFound, $"customer {record.Id}'s system has no server at {own}; the admin relay reaches the system's own servers only"), null);
            if (!linked)
                return (new(TunnelRefusal.Unavailable, $"customer {record.Id}'s system is not linked to COM now"), null);
            return (TunnelVerdict.Open($"{own}:{request.Port} ({target.Name})"), own);
        }
        var (server, problem) = Server(network, request.Server);
        if (server is null)
            return (new(TunnelRefusal.NotFound, problem!), null);
        if (request.CoLocated is { } nearby)
        {
            var refusal = NearbyRefusal(network, nearby, request.Port);
            if (refusal is not null)
                return (new(TunnelRefusal.Forbidden, refusal), null);
        }
        if (!linked)
            return (new(TunnelRefusal.Unavailable, $"customer {record.Id}'s system is not linked to COM now"), null);
        var address = request.CoLocated ?? server.Address;
        return (TunnelVerdict.Open($"{address}:{request.Port} via {server.Name}"), address);
    }

    private static bool Owns(CustomerRecord record, string kind, string name)
    {
        var owner = kind switch
        {
            "reseller" => record.Reseller,
            "distributor" => record.Distributor,
            _ => null,
        };
        return owner is not null && string.Equals(owner.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    // No name: the system itself, which is its primary server (the one holding the link).
    private static (ServerInfo? Server, string? Problem) Server(NetworkReport network, string? slug)
    {
        if (slug is null)
        {
            var primary = network.Servers.FirstOrDefault(s => s.Role == ServerRole.Primary) ?? network.Servers.FirstOrDefault();
            return primary is null ? (null, "the system reports no server") : (primary, null);
        }
        var matches = network.Servers.Where(s => ServerNames.Slug(s.Name) == slug).ToList();
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, $"the system has no server named '{slug}'"),
            _ => (null, $"{matches.Count} servers of the system are named '{slug}' in a host name; rename one of them on the system"),
        };
    }

    private static string? NearbyRefusal(NetworkReport network, string address, int port)
    {
        if (!network.Flags.NearbyServers)
            return "the system does not allow tunnels to nearby servers";
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
            return $"'{address}' is not an IPv4 address";
        var rules = network.Tunnels.Where(t => IPAddress.TryParse(t.Address, out var a) && a.Equals(ip)).ToList();
        if (rules.Count == 0)
            return $"{address} is not a nearby server the system allows tunnels to";
        if (!rules.Any(t => t.Port == port))
            return $"the system allows tunnels to {address} on port{(rules.Count > 1 ? "s" : "")} {string.Join(", ", rules.Select(r => r.Port))}, not {port}";
        return null;
    }
}
