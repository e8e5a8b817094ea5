using System.Text;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Silo.RemoteSupport;

namespace Com.Tests.RemoteSupport;

/// <summary>The proxy's reading of what clients send: the request head, Basic credentials and SPEC RS-2's host grammar.</summary>
[Trait("Category", "Unit")]
public sealed class ProxyRequestParsingTests
{
    private const string Suffix = ".maint.com.example";

    [Theory]
    [InlineData("ab12cd34.maint.com.example:22", "ab12cd34", null, null, 22)]
    [InlineData("AB12CD34.MAINT.COM.EXAMPLE:443", "ab12cd34", null, null, 443)]
    [InlineData("ab12cd34-se-primary.maint.com.example:7071", "ab12cd34", "se-primary", null, 7071)]
    [InlineData("ab12cd34-10.0.0.5.maint.com.example:3389", "ab12cd34", null, "10.0.0.5", 3389)]
    [InlineData("ab12cd34-se-primary-10.0.0.5.maint.com.example:22", "ab12cd34", "se-primary", "10.0.0.5", 22)]
    [InlineData("ab12cd34-ip500-2.maint.com.example:22", "ab12cd34", "ip500-2", null, 22)]
    public void ReadsTheGrammar(string authority, string customer, string? server, string? coLocated, int port)
    {
        var (target, problem) = MaintenanceTarget.Parse(authority, Suffix);
        problem.ShouldBeNull();
        target.ShouldBe(new MaintenanceTarget(customer, server, coLocated, port));
    }

    [Theory]
    [InlineData("ab12cd34.maint.com.example", "host:port")]
    [InlineData("ab12cd34.maint.com.example:0", "host:port")]
    [InlineData("ab12cd34.maint.com.example:70000", "host:port")]
    [InlineData("ab12cd34.maint.com.example:+22", "host:port")]
    [InlineData("www.example.org:443", "only hosts under")]
    [InlineData("maint.com.example:22", "only hosts under")]
    [InlineData("ab12cd34.maint.com.example.evil.org:22", "only hosts under")]
    [InlineData("ab_12.maint.com.example:22", "characters")]
    [InlineData("ab12cd34-10.0.0.300.maint.com.example:22", "IPv4")]
    [InlineData("ab12cd34-010.0.0.5.maint.com.example:22", "IPv4")]
    [InlineData("ab12cd34-se.primary.maint.com.example:22", "IPv4")]
    [InlineData("10.0.0.5.maint.com.example:22", "follow the customer ID")]
    [InlineData("ab12cd34--x.maint.com.example:22", "single hyphens")]
    [InlineData("ab12cd34-.maint.com.example:22", "single hyphens")]
    [InlineData("-x.maint.com.example:22", "customer ID")]
    public void RefusesWhatIsNotATunnelHost(string authority, string reason)
    {
        var (target, problem) = MaintenanceTarget.Parse(authority, Suffix);
        target.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(reason);
    }

    [Theory]
    [InlineData("SE Primary", "se-primary")]
    [InlineData("se-primary", "se-primary")]
    [InlineData("  IP Office  (site 2) ", "ip-office-site-2")]
    [InlineData("Serveur_Été", "serveur-t")]
    public void SpellsServerNamesForHosts(string name, string slug) => ServerNames.Slug(name).ShouldBe(slug);

    [Fact]
    public void ReadsAConnectHeadWithItsCredentials()
    {
        var (head, status, problem) = ConnectHead.Parse(Bytes("CONNECT ab12cd34.maint.com.example:22 HTTP/1.1\r\nHost: x\r\nproxy-authorization: Basic dXNlcjpwYXNz\r\n\r\n"));
        (status, problem).ShouldBe((200, null));
        head.ShouldBe(new ConnectHead("ab12cd34.maint.com.example:22", "Basic dXNlcjpwYXNz"));
    }

    [Theory]
    [InlineData("GET http://example.org/ HTTP/1.1\r\n\r\n", 405)]
    [InlineData("POST ab12cd34.maint.com.example:22 HTTP/1.1\r\n\r\n", 405)]
    [InlineData("CONNECT ab12cd34.maint.com.example:22\r\n\r\n", 400)]
    [InlineData("CONNECT a b HTTP/1.1\r\n\r\n", 400)]
    [InlineData("CONNECT a:1 HTTP/2\r\n\r\n", 400)]
    [InlineData("CONNECT a:1 HTTP/1.1\r\nno colon here\r\n\r\n", 400)]
    [InlineData("CONNECT a:1 HTTP/1.1\r\nProxy-Authorization: Basic a\r\nProxy-Authorization: Basic b\r\n\r\n", 400)]
    public void RefusesOtherRequests(string text, int expected)
    {
        var (head, status, problem) = ConnectHead.Parse(Bytes(text));
        head.ShouldBeNull();
        status.ShouldBe(expected);
        problem.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void RefusesAHeadThatIsNotText() =>
        ConnectHead.Parse([0x43, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a]).Status.ShouldBe(400);

    [Fact]
    public void ReadsBasicCredentials()
    {
        var credentials = BasicCredentials.Parse("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("acme:pa:ss wörd")));
        credentials.ShouldBe(new BasicCredentials("acme", "pa:ss wörd"));
        credentials!.ToString().ShouldNotContain("pa:ss");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!")]
    [InlineData("Basic bm9jb2xvbg==")]
    [InlineData("Basic OnBhc3M=")]
    public void RefusesMalformedCredentials(string? header) => BasicCredentials.Parse(header).ShouldBeNull();

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
