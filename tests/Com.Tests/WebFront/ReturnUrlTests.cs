using Com.WebFront.Accounts;

namespace Com.Tests.WebFront;

[Trait("Category", "Unit")]
public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/customers", "/customers")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("/\n", "/")]
    [InlineData("/\t/x", "/")]
    [InlineData(null, "/")]
    public void ReturnUrl_OnlyEverLeadsInsideCom(string? asked, string expected) =>
        AccountEndpoints.LocalOrHome(asked).ShouldBe(expected);
}
