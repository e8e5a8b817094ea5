using Com.Grains.Interfaces.Accounts;
using Com.Grains.RemoteSupport;
using Com.Storage.RemoteSupport;
using Com.Tests.Infrastructure;
using Com.Tests.WebFront;
using Microsoft.Playwright;
using Npgsql;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// Maintenance proxy accounts as a reseller's Supervisor meets them in chromium (SPEC RS-1): the accounts of the customers'
/// reseller and distributor appear, credentials are set with the password typed twice, replaced only after a
/// confirmation, a duplicate user name is refused in words, in English and in French; a Read-only user has no way in.
/// </summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class ProxyAccountBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private const string UserPassword = "Quay-Users-2026";
    private const string ProxyPassword = "Quay-Proxy-2026";

    private static ILocator Names(IPage page) => page.Locator("[data-test=proxy-accounts] [data-test=proxy-open]");

    private static ILocator Row(IPage page, string name) => page.Locator("[data-test=proxy-accounts] tbody tr", new() { HasText = name });

    private static ILocator Dialog(IPage page) => page.Locator("[data-test=proxy-dialog]");

    private static async Task FillAsync(IPage page, string userName, string password, string confirm)
    {
        await page.FillAsync("[data-test=proxy-field-user]", userName);
        await page.FillAsync("[data-test=proxy-field-password]", password);
        await page.FillAsync("[data-test=proxy-field-confirm]", confirm);
    }

    private async Task<ProxyAccount> StoredAsync(ProxyAccountKind kind, string name)
    {
        await using var dataSource = NpgsqlDataSource.Create(com.Database.ConnectionString);
        return (await new ProxyAccountStore(dataSource).FindAsync(kind, name)).ShouldNotBeNull($"the account of {kind} {name}");
    }

    [Fact]
    public async Task ASupervisorSetsAndReplacesCredentials_InEnglishAndFrench_AndAReadOnlyUserHasNoWayIn()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        await LinkedCustomers.ProvisionAsync(com, "Quay Hotel", reseller: "Quay Partners", extra: new { distributor = "Quay Distribution" });
        await LinkedCustomers.ProvisionAsync(com, "Quay Bistro", reseller: "Harbour Resale");
        await using (var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString))
        {
            var admin = new Actor("admin", Role.Administrator);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("quaysup")).CreateAsync(admin, "quaysup",
                new AccountDetails(Role.Supervisor, Labels: ["Quay Partners", "Quay Distribution"]), UserPassword);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("quayview")).CreateAsync(admin, "quayview",
                new AccountDetails(Role.ReadOnly, Labels: ["Quay Partners"]), UserPassword);
        }
        await using var browser = await Browser.LaunchAsync();

        // The Supervisor finds the page in the settings menu, listing its two accounts and not the other reseller's.
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "quaysup", UserPassword);
        await Browser.WaitInteractiveAsync(page);
        await page.ClickAsync("[data-test=menu-settings]");
        await page.ClickAsync("[data-test=menu-proxy-accounts]");
        await Assertions.Expect(Names(page)).ToHaveTextAsync(["Quay Partners", "Quay Distribution"]);
        await Assertions.Expect(page.Locator("[data-test=proxy-total]")).ToHaveTextAsync("Total: 2");
        await Assertions.Expect(page.Locator("[data-test=proxy-set]")).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "proxy-accounts-empty-en");

        // Set: the two passwords must agree; then the row says by whom, and the hash verifies the password.
        await Row(page, "Quay Partners").Locator("[data-test=proxy-open]").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToContainTextAsync("No credentials yet");
        await FillAsync(page, "quay-support", ProxyPassword, ProxyPassword + "x");
        await page.ClickAsync("[data-test=proxy-save]");
        await Assertions.Expect(page.Locator("[data-test=proxy-error]")).ToHaveTextAsync("The new password and its confirmation differ.");
        await Browser.ScreenshotAsync(page, "proxy-dialog-en");
        await page.FillAsync("[data-test=proxy-field-confirm]", ProxyPassword);
        await page.ClickAsync("[data-test=proxy-save]");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Credentials of the reseller Quay Partners saved.");
        var row = Row(page, "Quay Partners");
        await Assertions.Expect(row.Locator("[data-test=proxy-credentials]")).ToHaveAttributeAsync("data-set", "true");
        await Assertions.Expect(row.Locator("[data-test=proxy-user]")).ToHaveTextAsync("quay-support");
        await Assertions.Expect(row.Locator("[data-test=proxy-set-by]")).ToHaveTextAsync("quaysup");
        var stored = await StoredAsync(ProxyAccountKind.Reseller, "Quay Partners");
        ProxyPasswords.Verify(stored.PasswordHash!, ProxyPassword).ShouldBeTrue("the proxy verifies what the page stored");
        (await page.ContentAsync()).ShouldNotContain(stored.PasswordHash!, customMessage: "the hash never reaches the browser");

        // Search and filter narrow the list and its total.
        await page.FillAsync("[data-test=proxy-search]", "distrib");
        await Assertions.Expect(Names(page)).ToHaveTextAsync(["Quay Distribution"]);
        await Assertions.Expect(page.Locator("[data-test=proxy-total]")).ToHaveTextAsync("Total: 1");
        await page.FillAsync("[data-test=proxy-search]", "");
        await Assertions.Expect(Names(page)).ToHaveCountAsync(2);
        await Browser.PickAsync(page, "filter-credentials", "Set");
        await Assertions.Expect(Names(page)).ToHaveTextAsync(["Quay Partners"]);
        await Browser.ScreenshotAsync(page, "proxy-accounts-en");

        // Replace: chosen by its checkbox, and only after saying yes to the confirmation.
        await row.Locator("[data-test=select-proxy-account]").CheckAsync();
        await Assertions.Expect(page.Locator("[data-test=proxy-selected]")).ToHaveTextAsync("Selected: 1");
        await page.ClickAsync("[data-test=proxy-set]");
        await Assertions.Expect(page.Locator("[data-test=proxy-current]")).ToContainTextAsync("User name quay-support, set by quaysup");
        await Assertions.Expect(page.Locator("[data-test=proxy-field-password]")).ToHaveValueAsync("");
        await FillAsync(page, "quay-support", "Quay-Proxy-2027", "Quay-Proxy-2027");
        await page.ClickAsync("[data-test=proxy-save]");
        await Assertions.Expect(page.Locator(".mud-message-box")).ToContainTextAsync("The reseller Quay Partners already has credentials, set by quaysup. Replace them?");
        await Browser.ScreenshotAsync(page, "proxy-replace-en");
        await page.Locator(".mud-message-box").GetByRole(AriaRole.Button, new() { Name = "Replace", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Credentials of the reseller Quay Partners saved.");
        await Assertions.Expect(Dialog(page)).ToHaveCountAsync(0);
        ProxyPasswords.Verify((await StoredAsync(ProxyAccountKind.Reseller, "Quay Partners")).PasswordHash!, "Quay-Proxy-2027").ShouldBeTrue("the password was replaced");

        // In French: the distributor's account refuses the reseller's user name, whatever its case, then takes its own.
        var french = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(french, "quaysup", UserPassword);
        await french.GotoAsync("/com/proxy-accounts");
        await Browser.WaitInteractiveAsync(french);
        await Assertions.Expect(Row(french, "Quay Distribution").Locator("[data-test=proxy-owner]")).ToHaveTextAsync("Distributeur");
        await Row(french, "Quay Distribution").Locator("[data-test=proxy-open]").ClickAsync();
        await FillAsync(french, "Quay-Support", ProxyPassword, ProxyPassword);
        await french.ClickAsync("[data-test=proxy-save]");
        await Assertions.Expect(french.Locator("[data-test=proxy-error]")).ToHaveTextAsync("Un autre compte du proxy a déjà ce nom d'utilisateur.");
        await Browser.ScreenshotAsync(french, "proxy-dialog-fr");
        await french.FillAsync("[data-test=proxy-field-user]", "quay-dist");
        await french.ClickAsync("[data-test=proxy-save]");
        await Assertions.Expect(french.Locator(".mud-snackbar")).ToContainTextAsync("Identifiants du distributeur Quay Distribution enregistrés.");
        await Assertions.Expect(Row(french, "Quay Distribution").Locator("[data-test=proxy-user]")).ToHaveTextAsync("quay-dist");
        await Assertions.Expect(french.Locator("[data-test=proxy-total]")).ToHaveTextAsync("Total : 2");
        EnglishLeftovers.In(await french.Locator(".mud-main-content").InnerTextAsync()).ShouldBeEmpty("the French page shows no English");
        await Browser.ScreenshotAsync(french, "proxy-accounts-fr");

        // A Read-only user whose label matches has neither the menu entry nor the page.
        var viewer = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(viewer, "quayview", UserPassword);
        await Browser.WaitInteractiveAsync(viewer);
        await Assertions.Expect(viewer.Locator("[data-test=menu-settings]")).ToHaveCountAsync(0);
        var forbidden = await viewer.GotoAsync("/com/proxy-accounts");
        forbidden.ShouldNotBeNull().Status.ShouldBe(403);
        await Assertions.Expect(viewer.Locator("[data-test=proxy-accounts]")).ToHaveCountAsync(0);
    }
}
