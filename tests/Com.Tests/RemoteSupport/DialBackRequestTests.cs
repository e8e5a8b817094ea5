using System.Text;
using Com.Silo.RemoteSupport;

namespace Com.Tests.RemoteSupport;

/// <summary>How the maintenance port tells a system's dial-back from a client's CONNECT, and reads it strictly.</summary>
[Trait("Category", "Unit")]
public sealed class DialBackRequestTests
{
    private static byte[] Head(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void AnUpgrade_GivesItsToken()
    {
        var head = Head("GET /cpe/tunnels/Ab-9_z HTTP/1.1\r\nHost: silo:6443\r\nConnection: Upgrade\r\nupgrade:  COM-Tunnel \r\n\r\n");
        TunnelDialBack.IsDialBack(head).ShouldBeTrue();
        DialBackRequest.Parse(head).ShouldBe(new DialBackRequest("Ab-9_z", null, true));
    }

    [Fact]
    public void AFailure_GivesItsReason_AndNeedsNoUpgrade()
    {
        var head = Head("GET /cpe/tunnels/t0ken?failed=connection-refused HTTP/1.1\r\nHost: silo\r\n\r\n");
        DialBackRequest.Parse(head).ShouldBe(new DialBackRequest("t0ken", "connection-refused", false));
    }

    [Fact]
    public void AnUpgradeToAnotherProtocol_IsNoUpgrade()
    {
        DialBackRequest.Parse(Head("GET /cpe/tunnels/t HTTP/1.1\r\nUpgrade: websocket\r\n\r\n"))!.Upgrade.ShouldBeFalse();
    }

    [Theory]
    [InlineData("CONNECT ab.maint.localhost:22 HTTP/1.1\r\n\r\n")]
    [InlineData("GET /cpe/link HTTP/1.1\r\n\r\n")]
    [InlineData("GET /cpe/tunnelsX HTTP/1.1\r\n\r\n")]
    [InlineData("POST /cpe/tunnels/t HTTP/1.1\r\n\r\n")]
    public void OtherRequests_AreNoDialBack(string head) => TunnelDialBack.IsDialBack(Head(head)).ShouldBeFalse();

    [Theory]
    [InlineData("GET /cpe/tunnels/ HTTP/1.1\r\n\r\n")]
    [InlineData("GET /cpe/tunnels/a/b HTTP/1.1\r\n\r\n")]
    [InlineData("GET /cpe/tunnels/a%2Fb HTTP/1.1\r\n\r\n")]
    [InlineData("GET /cpe/tunnels/t?other=1 HTTP/1.1\r\n\r\n")]
    [InlineData("GET /cpe/tunnels/t HTTP/1.0\r\n\r\n")]
    [InlineData("GET /cpe/tunnels/t HTTP/1.1 extra\r\n\r\n")]
    [InlineData("GET /cpe/tunnels/t\u0001 HTTP/1.1\r\n\r\n")]
    public void MalformedDialBacks_AreRefused(string head) => DialBackRequest.Parse(Head(head)).ShouldBeNull();

    [Fact]
    public void AnOverlongToken_IsRefused() =>
        DialBackRequest.Parse(Head($"GET /cpe/tunnels/{new string('a', 129)} HTTP/1.1\r\n\r\n")).ShouldBeNull();

    [Fact]
    public void NonAsciiBytes_AreRefused() =>
        DialBackRequest.Parse([.. Head("GET /cpe/tunnels/t HTTP/1.1\r\nX: "), 0xC3, 0xA9, .. Head("\r\n\r\n")]).ShouldBeNull();
}
