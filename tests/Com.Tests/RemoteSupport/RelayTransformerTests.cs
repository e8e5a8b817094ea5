using Com.Silo.RemoteSupport;

namespace Com.Tests.RemoteSupport;

/// <summary>How the admin relay moves a Web Manager's redirects and cookies under the customer's path.</summary>
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
