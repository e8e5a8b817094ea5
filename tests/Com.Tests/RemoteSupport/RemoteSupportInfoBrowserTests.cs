using Com.DeviceProtocol;
using Com.Simulator;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// The remote-support information of a customer in chromium (SPEC RS-5): a Supervisor and a Read-only user of the
/// customer's reseller see the SSH, HTTP and RDP tabs with the proxy user name filled in, the typed password masked on the
/// page and present only in what the copy buttons copy; the RDP tab says why it is empty; a system without remote access
/// says so and nothing else.
/// </summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class RemoteSupportInfoBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private const string UserPassword = "Quay-Users-2026";
    private const string ProxyPassword = "Quay$Proxy'2026";

    private static HelloMessage Hello(string id, bool remoteAccess, bool nearby, int rdpPort) => Hellos.Healthy(id, LinkedCustomers.Password) with
    {
        Servers =
        [
            new ServerMessage("SE Primary", "primary", "10.1.0.1", "Server Edition", "12.1.0.0"),
            new ServerMessage("App-Server 2", "application", "10.1.0.2", "Server Edition", "12.1.0.0"),
        ],
        Flags = new FlagsMessage(true, true, true, remoteAccess, nearby, false, false),
        Tunnels = [new TunnelMessage("10.1.0.50", rdpPort, "RDP"), new TunnelMessage("10.1.0.60", 22, "SSH")],
    };

    private static async Task<DeviceClient> LinkAsync(ComDeployment com, string id, bool remoteAccess, bool nearby = true, int rdpPort = 3389)
    {
        var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(Hello(id, remoteAccess, nearby, rdpPort), TimeSpan.FromSeconds(10));
        return device;
    }

    private static ILocator Panel(IPage page, string panel, string server) => page.Locator($"[data-test={panel}][data-server='{server}']");

    private static ILocator Line(ILocator panel, string test) => panel.Locator($"[data-test=rs-{test}]");

    private static async Task<ILocator> ExpandAsync(IPage page, string panel, string server)
    {
        await Panel(page, panel, server).Locator(".mud-expand-panel-header").ClickAsync();
        // Screenshots taken while the panel still grows show it cut off.
        await Panel(page, panel, server).Locator(".mud-collapse-entered").WaitForAsync();
        return Panel(page, panel, server);
    }

    /// <summary>Records what the page asks the browser to copy, besides copying it.</summary>
    private static async Task SpyOnCopiesAsync(IPage page) => await page.EvaluateAsync(
        "() => { const copy = window.comRemoteSupport.copy; window.copied = []; window.comRemoteSupport.copy = t => { window.copied.push(t); return copy(t); }; }");

    private static Task<string> LastCopyAsync(IPage page) => page.EvaluateAsync<string>("() => window.copied[window.copied.length - 1]");

    /// <summary>Clicks a copy button and waits for the page to have copied one more text (a round trip to the server).</summary>
    private static async Task<string> CopyAsync(IPage page, ILocator button)
    {
        var before = await page.EvaluateAsync<int>("() => (window.copied || []).length");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("n => (window.copied || []).length > n", before);
        return await LastCopyAsync(page);
    }

    [Fact]
    public async Task SupervisorAndReadOnlyUsersGetCommandsWithTheMaskedPassword_AndADisabledSystemSaysSo()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var open = await LinkedCustomers.ProvisionAsync(com, "Quay Harbour", reseller: "Quay Partners");
        var closed = await LinkedCustomers.ProvisionAsync(com, "Quay Closed", reseller: "Quay Partners");
        await using var openDevice = await LinkAsync(com, open, remoteAccess: true);
        await using var closedDevice = await LinkAsync(com, closed, remoteAccess: false);
        var alone = await LinkedCustomers.ProvisionAsync(com, "Quay Island", reseller: "Quay Partners");
        var noRdp = await LinkedCustomers.ProvisionAsync(com, "Quay Lighthouse", reseller: "Quay Partners");
        await using var aloneDevice = await LinkAsync(com, alone, remoteAccess: true, nearby: false);
        await using var noRdpDevice = await LinkAsync(com, noRdp, remoteAccess: true, rdpPort: 3390);
        await using (var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString))
        {
            var admin = new Actor("admin", Role.Administrator);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("quaysup")).CreateAsync(admin, "quaysup",
                new AccountDetails(Role.Supervisor, Labels: ["Quay Partners"]), UserPassword);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("quayview")).CreateAsync(admin, "quayview",
                new AccountDetails(Role.ReadOnly, Labels: ["Quay Partners"]), UserPassword);
            var supervisor = new Actor("quaysup", Role.Supervisor);
            var accounts = client.Grains.GetGrain<IProxyAccountsGrain>(0);
            (await accounts.ListAsync(supervisor)).ShouldContain(a => a.Name == "Quay Partners", "the reseller's account exists once a customer names it");
            await accounts.SetCredentialsAsync(supervisor,
                new ProxyCredentials(ProxyAccountOwner.Reseller, "Quay Partners", "quay-support", "Stored-Proxy-2026", Replace: false));
        }
        await using var browser = await Browser.LaunchAsync();

        var page = await browser.NewPageAsync(com.Silo);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await Browser.SignInAsync(page, "quaysup", UserPassword);
        await page.GotoAsync($"/com/customers/{open}");
        await Browser.WaitInteractiveAsync(page);
        var tabs = page.Locator("[data-test=remote-support] .mud-tab");
        await Assertions.Expect(tabs).ToHaveTextAsync(["SSH access", "HTTP access", "RDP via a nearby system"]);
        await Assertions.Expect(page.Locator("[data-test=rs-user]")).ToHaveValueAsync("quay-support");
        await Assertions.Expect(page.Locator("[data-test=rs-password]")).ToHaveAttributeAsync("type", "password");
        await page.FillAsync("[data-test=rs-password]", ProxyPassword);
        await SpyOnCopiesAsync(page);
        var kit = await page.Locator("[data-test=rs-kit]").GetAttributeAsync("href");
        var download = await page.Context.APIRequest.GetAsync(kit!.StartsWith('/') ? kit : "/com/" + kit);
        download.Status.ShouldBe(200, "the support kit the panel links to is served to a Supervisor");

        // SSH: the page shows the command masked; the copy holds the password, quoted for the shells that read it.
        var primary = await ExpandAsync(page, "rs-ssh-server", "SE Primary");
        var host = $"{open}-se-primary.maint.localhost";
        var proxy = $"maint.localhost:{com.Silo.ProxyPort}";
        var unix = Line(primary, "ssh-unix");
        await Assertions.Expect(unix.Locator("[data-test=rs-visible]")).ToHaveTextAsync(
            $"ssh -o ProxyCommand=\"proxytunnel -q -E -p {proxy} -d {host}:22 -P quay-support:••••••\" Administrator@{host}");
        var copied = await CopyAsync(page, unix.Locator("[data-test=rs-copy]"));
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Copied to the clipboard.");
        copied.ShouldContain($"-d {host}:22 -P '\\''quay-support:Quay$Proxy'\\''\\'\\'''\\''2026'\\''", Case.Sensitive, "the copied command carries the typed password, quoted");
        (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).ShouldBe(copied, "the clipboard holds what the page copied");
        (await CopyAsync(page, Line(primary, "ssh-windows").Locator("[data-test=rs-copy]"))).ShouldContain($"-P quay-support:{ProxyPassword}\"", Case.Sensitive);
        await Assertions.Expect(Line(primary, "putty-command").Locator("[data-test=rs-visible]"))
            .ToHaveTextAsync(@"C:\\proxytunnel\\proxytunnel.exe -q -E -p %proxyhost:%proxyport -d %host:%port -P %user:%pass");
        (await page.Locator("body").InnerTextAsync()).ShouldNotContain(ProxyPassword, Case.Sensitive, "the page never shows the typed password");
        await Browser.ScreenshotAsync(page, "remote-support-ssh-en");

        // HTTP: addresses of every server, the one with a hyphen and a space spelled as the proxy reads it.
        await tabs.Filter(new() { HasText = "HTTP access" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=rs-pac] a")).ToHaveAttributeAsync("href", $"https://localhost:{com.Silo.WebPort}/com/remoteproxy/proxy.pac");
        var application = await ExpandAsync(page, "rs-http-server", "App-Server 2");
        await Assertions.Expect(Line(application, "web-control").Locator("[data-test=rs-visible]")).ToHaveTextAsync($"https://{open}-app-server-2.maint.localhost:7071/login");
        await Assertions.Expect(Line(application, "one-x").Locator("[data-test=rs-visible]")).ToHaveTextAsync($"https://{open}-app-server-2.maint.localhost:9443/onexportal-admin.html");
        await Assertions.Expect(Line(application, "weblm").Locator("[data-test=rs-visible]")).ToHaveTextAsync($"https://{open}-app-server-2.maint.localhost:52233/WebLM/index.jsp");
        await Browser.ScreenshotAsync(page, "remote-support-http-en");

        // RDP: only the nearby server whitelisted on 3389, through proxytunnel alone or an SSH forward through the system.
        await tabs.Filter(new() { HasText = "RDP via a nearby system" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=rs-rdp-server]")).ToHaveCountAsync(1);
        var nearby = await ExpandAsync(page, "rs-rdp-server", "10.1.0.50");
        await Assertions.Expect(Line(nearby, "rdp-tunnel").Locator("[data-test=rs-visible]")).ToHaveTextAsync(
            $@"C:\proxytunnel\proxytunnel.exe -a 13389 -E -p {proxy} -d {open}-10.1.0.50.maint.localhost:3389 -P quay-support:••••••");
        await Assertions.Expect(Line(nearby, "rdp-client").Locator("[data-test=rs-visible]")).ToHaveTextAsync("mstsc /v:localhost:13389");
        await Assertions.Expect(Line(nearby, "rdp-ssh-unix").Locator("[data-test=rs-visible]")).ToContainTextAsync($"ssh -L 13389:10.1.0.50:3389 -o ProxyCommand=");
        (await CopyAsync(page, Line(nearby, "rdp-tunnel").Locator("[data-test=rs-copy]"))).ShouldEndWith($"-P quay-support:{ProxyPassword}", Case.Sensitive);
        await Browser.ScreenshotAsync(page, "remote-support-rdp-en");

        // Without the "nearby servers" flag, or without a tunnel on 3389, the RDP tab says why it has nothing.
        await page.GotoAsync($"/com/customers/{alone}");
        await Browser.WaitInteractiveAsync(page);
        await tabs.Filter(new() { HasText = "RDP via a nearby system" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=rs-nearby-off]")).ToContainTextAsync("does not allow tunnels to nearby servers");
        await page.GotoAsync($"/com/customers/{noRdp}");
        await Browser.WaitInteractiveAsync(page);
        await tabs.Filter(new() { HasText = "RDP via a nearby system" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=rs-no-rdp]")).ToHaveTextAsync("The system allows no tunnel to port 3389 of a nearby server.");
        await Assertions.Expect(page.Locator("[data-test=rs-rdp-server]")).ToHaveCountAsync(0);

        // A system that does not allow remote access: the sentence and nothing else.
        await page.GotoAsync($"/com/customers/{closed}");
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-test=remote-access-disabled]")).ToHaveTextAsync("Remote access is disabled");
        await Assertions.Expect(page.Locator("[data-test=remote-support] .mud-tab")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=rs-password]")).ToHaveCountAsync(0);

        // A Read-only user of the same reseller, in French, gets the same help with the account's user name.
        var french = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(french, "quayview", UserPassword);
        await french.GotoAsync($"/com/customers/{open}");
        await Browser.WaitInteractiveAsync(french);
        await Assertions.Expect(french.Locator("[data-test=remote-support] .mud-tab")).ToHaveTextAsync(["Accès SSH", "Accès HTTP", "RDP via un système voisin"]);
        await Assertions.Expect(french.Locator("[data-test=rs-user]")).ToHaveValueAsync("quay-support");
        var frenchApplication = await ExpandAsync(french, "rs-ssh-server", "App-Server 2");
        await Assertions.Expect(Line(frenchApplication, "ssh-unix").Locator("[data-test=rs-visible]")).ToContainTextAsync($"-d {open}-app-server-2.maint.localhost:22 -P quay-support:••••••");
        await Browser.ScreenshotAsync(french, "remote-support-ssh-fr");
        await french.GotoAsync($"/com/customers/{closed}");
        await Browser.WaitInteractiveAsync(french);
        await Assertions.Expect(french.Locator("[data-test=remote-access-disabled]")).ToHaveTextAsync("L'accès à distance est désactivé");
        await Browser.ScreenshotAsync(french, "remote-support-disabled-fr");
    }
}
