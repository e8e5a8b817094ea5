using System.Net;
using Com.Tests.Infrastructure;

namespace Com.Tests.Silo;

/// <summary>Sessions over the real HTTPS endpoint: without one, nothing but the sign-in page.</summary>
[Trait("Category", "Process")]
public sealed class SignInTests(SignInTests.OneSilo silo) : IClassFixture<SignInTests.OneSilo>
{
    public sealed class OneSilo : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();

        public SiloProcess Process { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            await Database.InitializeAsync();
            Process = SiloProcess.Start(Database.ConnectionString, "sign-in");
            await Process.WaitReadyAsync();
            await SignedInSilo.CreateAdminAsync(Database.ConnectionString);
        }

        public async ValueTask DisposeAsync()
        {
            await Process.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/com/")]
    [InlineData("/com/preferences")]
    [InlineData("/com/dashboard/")]
    public async Task AnyPage_WithoutASession_LeadsToTheSignInPage(string page)
    {
        using var browser = silo.Process.NewClient();

        var response = await browser.GetAsync(page);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{page} must not be served without a session");
        response.Headers.Location!.ToString().ShouldContain("/com/signin");
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoAndOpensNoSession()
    {
        using var browser = silo.Process.NewClient();

        var response = await browser.SignInAsync("admin", "Wrong-Password-1");

        response.Headers.Location!.ToString().ShouldStartWith("/com/signin?error=InvalidCredentials");
        (await browser.GetPageAsync(response.Headers.Location.ToString())).ShouldContain("Wrong login name or password.");
        (await browser.GetAsync("/com/")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a refused sign-in must not open a session");
    }

    [Fact]
    public async Task SignIn_AsAnUnknownUser_AnswersExactlyAsAWrongPassword()
    {
        using var browser = silo.Process.NewClient();

        var response = await browser.SignInAsync("nobody", "Wrong-Password-1");

        response.Headers.Location!.ToString().ShouldStartWith("/com/signin?error=InvalidCredentials", customMessage: "the answer must not reveal which logins exist");
    }

    [Fact]
    public async Task SignIn_WithTheRightPassword_OpensTheProductAndTheDashboardForAnAdministrator()
    {
        using var browser = silo.Process.NewClient();

        var response = await browser.SignInAsync("ADMIN", SignedInSilo.AdminPassword, returnUrl: "/cluster");

        response.Headers.Location!.ToString().ShouldBe("/com/cluster", "login names are case-insensitive and the page asked for comes next");
        (await browser.GetPageAsync("/com/")).ShouldContain("admin");
        (await browser.GetAsync("/com/dashboard/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_WithAReturnUrlToAnotherSite_StaysInCom()
    {
        using var browser = silo.Process.NewClient();

        var response = await browser.SignInAsync("admin", SignedInSilo.AdminPassword, returnUrl: "//evil.example/phish");

        response.Headers.Location!.ToString().ShouldBe("/com/", "an open redirect would let a link send users anywhere after signing in");
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var browser = silo.Process.NewClient();
        await browser.SignInAsync("admin", SignedInSilo.AdminPassword);
        var home = await browser.GetStringAsync("/com/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await browser.PostAsync("/com/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.Headers.Location!.ToString().ShouldBe("/com/signin");
        (await browser.GetAsync("/com/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
    [Fact]
    public async Task APasswordFormPostedWithoutItsAntiforgeryToken_AnswersBadRequestWithAMessage()
    {
        using var browser = silo.Process.NewClient();
        await browser.SignInAsync("admin", SignedInSilo.AdminPassword);

        var response = await browser.PostAsync("/com/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["current"] = SignedInSilo.AdminPassword,
            ["password"] = "Forged-Password-1",
            ["confirm"] = "Forged-Password-1",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a missing token is the sender's fault, not a server error");
        System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("This form has expired or did not come from COM");
        (await browser.GetAsync("/com/")).StatusCode.ShouldBe(HttpStatusCode.OK, "the forged post must not have changed the password and ended the session");
    }

    [Fact]
    public async Task ASignInFormPostedWithoutItsAntiforgeryToken_AnswersBadRequest()
    {
        using var browser = silo.Process.NewClient();

        var response = await browser.PostAsync("/com/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = "admin",
            ["password"] = SignedInSilo.AdminPassword,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{await response.Content.ReadAsStringAsync()}\n{silo.Process.Output}");
        (await browser.GetAsync("/com/")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "no session without the form's token");
    }
}
