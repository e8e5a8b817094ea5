using Com.Silo.RemoteSupport;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// How the admin relay moves a Web Manager's redirects and cookies under the customer's path, and the requests a relayed
/// page makes for the Web Manager's root paths.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RelayTransformerTests
{
    private readonly RelayTransformer transformer = new("ab12cd34");

    [Theory]
    [InlineData("/WebManagement/login.html", "/ab12cd34/WebManagement/login.html")]
    [InlineData("https://192.0.2.10:7070/WebManagement/WebManagement.html?x=1", "/ab12cd34/WebManagement/WebManagement.html?x=1")]
    [InlineData("http://ipoffice/", "/ab12cd34/")]
    [InlineData("login.html", "login.html")]
    [InlineData("//evil.example/x", "//evil.example/x")]
    public void RedirectsStayUnderTheCustomer(string location, string relocated) => transformer.Relocate(location).ShouldBe(relocated);

    [Theory]
    [InlineData("wm=1; Path=/WebManagement; Secure; HttpOnly", "wm=1; Path=/ab12cd34/WebManagement; Secure; HttpOnly")]
    [InlineData("wm=1", "wm=1; Path=/ab12cd34/")]
    [InlineData("wm=1; Domain=192.0.2.10; path=/", "wm=1; Path=/ab12cd34/")]
    public void CookiesStayUnderTheCustomer(string setCookie, string rescoped) => transformer.Rescope(setCookie).ShouldBe(rescoped);

    private const string Page = "https://localhost:8443/ab12cd34/WebManagement/login.html";

    [Theory]
    [InlineData("/WebManagement/login", "", Page, null, "/ab12cd34/WebManagement/login")]
    [InlineData("/WebManagement/data", "?a=1&b=%2F", Page, null, "/ab12cd34/WebManagement/data?a=1&b=%2F")]
    [InlineData("/api/x y", "", Page, "api", "/ab12cd34/api/x%20y")]
    [InlineData("/ab12cd34/WebManagement/login", "", Page, "ab12cd34", null)]
    [InlineData("/WebManagement/login", "", "https://evil.example/ab12cd34/WebManagement/login.html", null, null)]
    [InlineData("/WebManagement/login", "", "https://localhost:7080/ab12cd34/WebManagement/login.html", null, null)]
    [InlineData("/WebManagement/login", "", "http://localhost:8443/ab12cd34/WebManagement/login.html", null, null)]
    [InlineData("/WebManagement/login", "", "https://localhost:8443/WebManagement/login.html", null, null)]
    [InlineData("/WebManagement/login", "", "https://localhost:8443/ab12cd34", null, null)]
    [InlineData("/WebManagement/login", "", "", null, null)]
    [InlineData("/WebManagement/login", "", "https://localhost:8443/ab12cd34/10.0.0.2/WebManagement/login.html", null, "/ab12cd34/10.0.0.2/WebManagement/login")]
    [InlineData("/WebManagement/login", "", "https://localhost:8443/ab12cd34/10.0.0.256/WebManagement/login.html", null, "/ab12cd34/WebManagement/login")]
    public void RootPathsOfARelayedPage_MoveUnderItsCustomer(string path, string query, string referer, string? pathCustomer, string? moved)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Scheme = "https";
        http.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost", 8443);
        http.Request.Path = path;
        http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query.Length == 0 ? null : query);
        if (referer.Length > 0)
            http.Request.Headers.Referer = referer;
        AdminRelay.UnderReferringCustomer(http.Request, pathCustomer).ShouldBe(moved);
    }

    [Fact]
    public void AnotherServersAddressesAndCookiesStayUnderItsAddress()
    {
        var other = new RelayTransformer("ab12cd34", "10.0.0.2");
        other.Relocate("https://10.0.0.2:7070/WebManagement/WebManagement.html").ShouldBe("/ab12cd34/10.0.0.2/WebManagement/WebManagement.html");
        other.Relocate("/ws/monitor").ShouldBe("/ab12cd34/10.0.0.2/ws/monitor");
        other.Rescope("wm=1; Path=/WebManagement; Domain=10.0.0.2").ShouldBe("wm=1; Path=/ab12cd34/10.0.0.2/WebManagement");
    }

    [Theory]
    [InlineData("/ab12cd34/WebManagement/WebManagement.html", null, false)]
    [InlineData("/ab12cd34", null, false)]
    [InlineData("/ab12cd34/", null, false)]
    [InlineData("/ab12cd34/favicon.ico", null, false)]
    [InlineData("/ab12cd34/10.0.0.2/WebManagement/ws/monitor", "10.0.0.2", false)]
    [InlineData("/ab12cd34/10.0.0.2", "10.0.0.2", false)]
    [InlineData("/ab12cd34/10.0.0.256/x", null, true)]
    [InlineData("/ab12cd34/10.0.0/x", null, true)]
    [InlineData("/ab12cd34/010.0.0.2/x", null, true)]
    [InlineData("/ab12cd34/10.0.0.2.evil.example/x", null, true)]
    [InlineData("/ab12cd34/1.2.3.4%2F../x", null, true)]
    [InlineData("/ab12cd34/::1/x", null, true)]
    [InlineData("/ab12cd34/[fe80::1]/x", null, true)]
    [InlineData("/ab12cd34/::ffff:10.0.0.2/x", null, true)]
    public void TheServerSegmentIsAnIPv4AddressOrAPathOfTheSystemItself(string path, string? server, bool refused)
    {
        var (address, problem) = AdminRelay.ServerAddress(path, path.IndexOf('/', 1));
        (address, problem is not null).ShouldBe((server, refused), problem);
    }
}
