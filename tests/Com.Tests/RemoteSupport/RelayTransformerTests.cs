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
}
