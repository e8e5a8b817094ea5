using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Com.Grains.Interfaces.Accounts;
using Com.Simulator;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// Remote support in Debian's chromium (SPEC RS-4, RS-7): with COM's PAC file and the proxy account's credentials it
/// reaches a system's Web Control through the proxy and every other host directly; from the customer list it opens the
/// system's Web Manager through the admin relay and signs in there, in English and in French.
/// </summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class ProxyAndRelayBrowserTests(ProxyAndRelayBrowserTests.Deployment deployment) : IClassFixture<ProxyAndRelayBrowserTests.Deployment>
{
    /// <summary>
    /// The tunnel deployment under a domain of its own: chromium sends <c>localhost</c> and <c>*.localhost</c> directly
    /// whatever a PAC file says (its implicit bypass rules, which nothing turns off for PAC files), so tunnel hosts under
    /// <c>maint.localhost</c> could never reach the proxy. <c>.test</c> is reserved for tests (RFC 6761).
    /// </summary>
    public sealed class Deployment() : TunnelDeployment("com.test");

    private const string UserPassword = "Relay-Operator-2026";
    private ComDeployment com => deployment.Com;
    private TunnelFleet plan => deployment.Plan;
    private string Open => deployment.Ids[plan.Open];

    /// <summary>Base64 of the SHA-256 of COM's test certificate's public key, as chromium's SPKI allow-list takes it.</summary>
    private string ComKey
    {
        get
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.ChangeExtension(com.Silo.CertificatePath, ".crt"));
            return Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        }
    }

    /// <summary>Waits for the page to be at <paramref name="url"/>; a timeout says where it was instead and what it showed.</summary>
    private static async Task ArriveAsync(IPage page, string url)
    {
        try
        {
            await page.WaitForURLAsync(url, new() { Timeout = 30_000 });
        }
        catch (TimeoutException e)
        {
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)", TaskScheduler.Default);
            var cookies = string.Join(", ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name} on {c.Domain}{c.Path}"));
            throw new TimeoutException($"{e.Message}\nThe page was at {page.Url}, showing: {shown}\nIts context's cookies: {cookies}", e);
        }
    }

    [Fact]
    public async Task ChromiumWithThePacFile_ReachesWebControlThroughTheProxy_AndOtherHostsDirectly()
    {
        var proxyHost = $"maint.{deployment.Domain}";
        var directHost = $"direct.{deployment.Domain}";
        await using var browser = await Browser.LaunchAsync([
            $"--proxy-pac-url=https://localhost:{com.Silo.WebPort}/com/remoteproxy/proxy.pac",
            // Nothing resolves com.test: the proxy's name and one host that is not a tunnel's lead to this machine.
            $"--host-resolver-rules=MAP {proxyHost} 127.0.0.1, MAP {directHost} 127.0.0.1",
            // COM's proxy, PAC file and stand-in Web Control show COM's self-signed test certificate (naming localhost, not
            // maint.com.test or the tunnel host). Chromium accepts that one key under any name (adding the certificate to a
            // profile's trust store would need NSS's certutil, and would not cover the names) and checks every other
            // certificate: the contexts below do not ignore HTTPS errors.
            $"--ignore-certificate-errors-spki-list={ComKey}",
        ]);
        var webControlOrigin = $"https://{Open}.maint.{deployment.Domain}:7071";
        var webControl = webControlOrigin + "/login";

        // The proxy answers 407 to a CONNECT without credentials; Playwright answers for chromium with the account's,
        // offered only to the tunnel host's origin.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = false,
            HttpCredentials = new HttpCredentials { Username = plan.UserFor(plan.Open), Password = TunnelFleet.Password, Origin = webControlOrigin },
        });
        var page = await context.NewPageAsync();
        IResponse? response;
        try
        {
            response = await page.GotoAsync(webControl);
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_NAME_NOT_RESOLVED", StringComparison.Ordinal))
        {
            // Only the proxy's name resolves here: chromium went directly, as it does when it cannot fetch the PAC file.
            throw new InvalidOperationException($"chromium did not send {webControl} to COM's proxy: the PAC file was not fetched, not trusted, or sent the host DIRECT", e);
        }
        await Assertions.Expect(page).ToHaveTitleAsync(LocalWebControl.Title);
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync("path /login");
        response.ShouldNotBeNull();
        response.Status.ShouldBe(200);
        (await response.ServerAddrAsync()).ShouldNotBeNull().Port.ShouldBe(com.Silo.ProxyPort, "the tunnel host was reached through COM's proxy");
        await Browser.ScreenshotAsync(page, "web-control-through-the-proxy");

        // Any other host goes directly: the proxy would refuse it (403, not a tunnel host), and the answer comes from the
        // web port itself.
        var direct = await page.GotoAsync($"https://{directHost}:{com.Silo.WebPort}/readyz");
        direct.ShouldNotBeNull();
        direct.Status.ShouldBe(200, await direct.TextAsync());
        (await direct.ServerAddrAsync()).ShouldNotBeNull().Port.ShouldBe(com.Silo.WebPort, "a host outside maint.<domain> was reached directly");

        // The certificate check is on for everyone but COM's key: the Web Manager stand-in's own self-signed one fails.
        var stranger = await Should.ThrowAsync<PlaywrightException>(() => page.GotoAsync($"https://127.0.0.1:{deployment.WebManagerPort}/WebManagement/login.html"));
        stranger.Message.ShouldContain("ERR_CERT_");

        // A wrong proxy password gets no page.
        var wrong = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = false,
            HttpCredentials = new HttpCredentials { Username = plan.UserFor(plan.Open), Password = "not-" + TunnelFleet.Password, Origin = webControlOrigin },
        });
        var refused = await wrong.NewPageAsync();
        var failed = await Should.ThrowAsync<PlaywrightException>(() => refused.GotoAsync(webControl));
        failed.Message.ShouldContain("net::ERR_");
    }

    [Fact]
    public async Task WebManager_OpensFromTheActionMenuThroughTheRelay_AndItsSignInKeepsTheRelaysOrigin()
    {
        var reseller = plan.Plan.Customers[plan.Open].Reseller;
        await using (var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString))
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("relayop")).CreateAsync(new Actor("admin", Role.Administrator), "relayop",
                new AccountDetails(Role.Operator, Labels: [reseller]), UserPassword);
        var relay = $"https://localhost:{com.Silo.RelayPort}";
        await using var browser = await Browser.LaunchAsync();

        foreach (var (locale, launchLabel) in new[] { ("en-GB", "Launch Web Manager"), ("fr-FR", "Ouvrir Web Manager") })
        {
            var language = locale[..2];
            var page = await browser.NewPageAsync(com.Silo, locale);
            await Browser.SignInAsync(page, "relayop", UserPassword);
            await page.GotoAsync("/com/customers");
            await Browser.WaitInteractiveAsync(page);
            await page.FillAsync("[data-test=search]", Open);
            var row = page.Locator("[data-test=customers] tbody tr", new() { Has = page.Locator($"[data-test=customer-link][href$='customers/{Open}']") });
            await Assertions.Expect(page.Locator("[data-test=customers] [data-test=customer-link]")).ToHaveCountAsync(1);
            await row.Locator("[data-test=select-customer]").CheckAsync();
            // The menu's button is enabled once the selection reached the server; a click before that opens nothing.
            await Browser.OpenActionsAsync(page);
            var launch = page.Locator("[data-test=action-LaunchApplication]");
            await Assertions.Expect(launch).ToHaveTextAsync(launchLabel);
            await Assertions.Expect(launch).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmud-disabled\b"));
            // The menu fades in; a screenshot before it is opaque shows the table through it.
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-popover-open')].some(p => getComputedStyle(p).opacity === '1')");
            await Browser.ScreenshotAsync(page, $"web-manager-launch-{language}");

            // A new tab: COM hands the user over to the relay, the Web Manager sends a stranger to its sign-in.
            var relayed = await page.Context.RunAndWaitForPageAsync(() => launch.ClickAsync());
            await ArriveAsync(relayed, $"{relay}/{Open}/WebManagement/login.html");
            await Assertions.Expect(relayed).ToHaveTitleAsync("Web Manager sign-in");
            await relayed.FillAsync("input[name=user]", "Administrator");
            await relayed.FillAsync("input[name=password]", "secret");
            await relayed.ClickAsync("button");

            // The form posts to the Web Manager's root path; the answer's absolute redirect to the system and its cookie
            // come back under the customer, on the relay's origin.
            await ArriveAsync(relayed, $"{relay}/{Open}/WebManagement/WebManagement.html");
            await Assertions.Expect(relayed).ToHaveTitleAsync(WebManagerStandIn.SignedInTitle);
            await Assertions.Expect(relayed.Locator("h1")).ToHaveTextAsync("System status");
            var cookies = await relayed.Context.CookiesAsync([relayed.Url]);
            cookies.ShouldContain(c => c.Name == "wm-session" && c.Path == $"/{Open}/WebManagement", string.Join(", ", cookies.Select(c => $"{c.Name} {c.Path}")));
            cookies.ShouldContain(c => c.Name == "com-relay" && c.Path == $"/{Open}/");
            await relayed.ReloadAsync();
            await Assertions.Expect(relayed).ToHaveTitleAsync(WebManagerStandIn.SignedInTitle);
            await Browser.ScreenshotAsync(relayed, $"web-manager-signed-in-{language}");
            await page.Context.CloseAsync();
        }
    }
}
