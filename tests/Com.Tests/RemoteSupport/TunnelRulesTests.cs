using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Grains.RemoteSupport;

namespace Com.Tests.RemoteSupport;

/// <summary>SPEC RS-2's rules: who reaches which system and nearby server, and why anything else is refused.</summary>
[Trait("Category", "Unit")]
public sealed class TunnelRulesTests
{
    private static readonly CustomerRecord Customer = new("ab12cd34", "Dupont SA", "COMAdmin", "Northwind Telecom", "Wide World Distribution", null, null);

    private static readonly NetworkReport Network = new("Dupont", SystemProfile.ServerEdition, "12.1",
        [
            new ServerInfo("SE Primary", ServerRole.Primary, "10.0.0.1", SystemProfile.ServerEdition, "12.1", true),
            new ServerInfo("App Server", ServerRole.Application, "10.0.0.2", SystemProfile.ServerEdition, "12.1", true),
        ],
        RemoteOperationFlags.None with { RemoteAccess = true, NearbyServers = true },
        [new TunnelRule("192.168.1.20", 3389, "RDP"), new TunnelRule("192.168.1.20", 22, "SSH")]);

    private static TunnelRequest Request(string kind = "reseller", string name = "northwind telecom ", string? server = null, string? nearby = null, int port = 22) =>
        new(Guid.NewGuid(), kind, name, server, nearby, port, "https://silo:7443/cpe/tunnels/t");

    [Fact]
    public void TheSystemItselfIsItsPrimaryServer()
    {
        var (verdict, address) = TunnelRules.Decide(Customer, Network, true, Request());
        verdict.Opened.ShouldBeTrue(verdict.Reason);
        address.ShouldBe("10.0.0.1");
    }

    [Fact]
    public void ANamedServerAndAWhitelistedNearbyServerAreReached()
    {
        TunnelRules.Decide(Customer, Network, true, Request(kind: "distributor", name: "Wide World Distribution", server: "app-server")).Address.ShouldBe("10.0.0.2");
        TunnelRules.Decide(Customer, Network, true, Request(server: "app-server", nearby: "192.168.1.20", port: 3389)).Address.ShouldBe("192.168.1.20");
    }

    [Theory]
    [InlineData("reseller", "Contoso Voice", null, null, 22, TunnelRefusal.Forbidden, "does not serve")]
    [InlineData("distributor", "Northwind Telecom", null, null, 22, TunnelRefusal.Forbidden, "does not serve")]
    [InlineData("reseller", "Northwind Telecom", "no-such", null, 22, TunnelRefusal.NotFound, "no server named")]
    [InlineData("reseller", "Northwind Telecom", null, "192.168.1.21", 22, TunnelRefusal.Forbidden, "not a nearby server")]
    [InlineData("reseller", "Northwind Telecom", null, "192.168.1.20", 443, TunnelRefusal.Forbidden, "ports 3389, 22, not 443")]
    public void RefusesWithAReason(string kind, string name, string? server, string? nearby, int port, TunnelRefusal refusal, string reason)
    {
        var (verdict, address) = TunnelRules.Decide(Customer, Network, true, Request(kind, name, server, nearby, port));
        address.ShouldBeNull();
        verdict.Refusal.ShouldBe(refusal);
        verdict.Reason.ShouldContain(reason);
    }

    [Fact]
    public void TheSystemsFlagsDecide()
    {
        var closed = Network with { Flags = Network.Flags with { RemoteAccess = false } };
        TunnelRules.Decide(Customer, closed, true, Request()).Verdict.Reason.ShouldContain("remote access is disabled");
        var alone = Network with { Flags = Network.Flags with { NearbyServers = false } };
        TunnelRules.Decide(Customer, alone, true, Request(nearby: "192.168.1.20")).Verdict.Reason.ShouldContain("nearby servers");
        TunnelRules.Decide(Customer, alone, true, Request()).Verdict.Opened.ShouldBeTrue();
    }

    [Fact]
    public void AnUnknownUnlinkedOrAmbiguousSystemIsNotReached()
    {
        TunnelRules.Decide(null, null, false, Request()).Verdict.Refusal.ShouldBe(TunnelRefusal.NotFound);
        TunnelRules.Decide(Customer, null, false, Request()).Verdict.Refusal.ShouldBe(TunnelRefusal.Unavailable);
        TunnelRules.Decide(Customer, Network, false, Request()).Verdict.Reason.ShouldContain("not linked");
        var twins = Network with { Servers = [.. Network.Servers, Network.Servers[1] with { Name = "app_server", Address = "10.0.0.3" }] };
        TunnelRules.Decide(Customer, twins, true, Request(server: "app-server")).Verdict.Reason.ShouldContain("2 servers");
    }

    [Fact]
    public void TheAdminRelayReachesTheSystemsOwnServersByAddress_AndNothingElse()
    {
        var managed = Network with { Flags = Network.Flags with { CentralManagement = true } };
        TunnelRequest Relay(string? at) => Request(nearby: at, port: 7070) with { Purpose = TunnelPurpose.AdminRelay };
        TunnelRules.Decide(Customer, managed, true, Relay(null)).Address.ShouldBe("10.0.0.1");
        TunnelRules.Decide(Customer, managed, true, Relay("10.0.0.2")).Address.ShouldBe("10.0.0.2");
        // A whitelisted nearby server is not one of the system's own; neither is a spelling the link did not report.
        foreach (var at in new[] { "192.168.1.20", "10.0.0.9", "010.0.0.2", "::1", "app-server" })
        {
            var (verdict, address) = TunnelRules.Decide(Customer, managed, true, Relay(at));
            (verdict.Refusal, address).ShouldBe((TunnelRefusal.NotFound, (string?)null), at);
        }
        TunnelRules.Decide(Customer, Network, true, Relay("10.0.0.2")).Verdict.Reason.ShouldContain("central management is disabled");
        TunnelRules.Decide(Customer, managed, false, Relay("10.0.0.2")).Verdict.Reason.ShouldContain("not linked");
    }
}
