using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.Alarms;

/// <summary>SPEC DASH-1..3 in chromium with devices on real sockets: the figures, live changes, hiding and click-through.</summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{

    private static ILocator Legend(IPage page, string panel, string key) => page.Locator($"[data-test={panel}] [data-test=legend-{key}]");

    [Fact]
    public async Task Dashboard_CountsLive_HidesLegendItems_AndOpensPrefilteredLists()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var linked = await LinkedCustomers.ProvisionAsync(com, "Quay Pharmacy");
        await LinkedCustomers.ProvisionAsync(com, "Orchard School");
        await using var device = await LinkedCustomers.LinkAsync(com, linked);
        await LinkedCustomers.AlarmAsync(device, "critical", "trunk", "Trunk 7 down", ongoing: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await Browser.WaitInteractiveAsync(page);

        await Assertions.Expect(page.Locator("[data-test=dashboard-customers]")).ToContainTextAsync("2 customers");
        await Assertions.Expect(Legend(page, "panel-connectivity", "Green")).ToContainTextAsync("1");
        await Assertions.Expect(Legend(page, "panel-connectivity", "Red")).ToContainTextAsync("1");
        await Assertions.Expect(Legend(page, "panel-severities", "Critical")).ToContainTextAsync("1");
        await Assertions.Expect(Legend(page, "panel-categories", "Trunk")).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("[data-test=panel-versions] [data-test=legend-open]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=panel-severities] svg")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "dashboard-en");

        // Live: a new alarm moves the severity and type figures without a reload.
        await LinkedCustomers.AlarmAsync(device, "major", "security", "Password guessing on SIP", ongoing: true);
        await Assertions.Expect(Legend(page, "panel-severities", "Major")).ToContainTextAsync("1", new() { Timeout = 5000 });
        await Assertions.Expect(Legend(page, "panel-categories", "Security")).ToContainTextAsync("1");

        // A legend item hides its slice and shows it again; with nothing left to draw the panel says so.
        await Legend(page, "panel-connectivity", "Green").Locator("[data-test=legend-toggle]").ClickAsync();
        await Assertions.Expect(Legend(page, "panel-connectivity", "Green")).ToHaveAttributeAsync("data-hidden", "true");
        await Legend(page, "panel-connectivity", "Red").Locator("[data-test=legend-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=panel-connectivity] [data-test=panel-empty]")).ToBeVisibleAsync();
        await Legend(page, "panel-connectivity", "Green").Locator("[data-test=legend-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=panel-connectivity] svg")).ToHaveCountAsync(1);

        // Click-through: a severity opens the alarm list filtered on it, a light the customer list filtered on it.
        await Legend(page, "panel-severities", "Critical").Locator("[data-test=legend-open]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/alarms?severity=Critical", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr")).ToContainTextAsync("Trunk 7 down");
        await Assertions.Expect(page.Locator("[data-test=active-filter]")).ToContainTextAsync("Critical");

        await page.GotoAsync("/com/");
        await Legend(page, "panel-connectivity", "Red").Locator("[data-test=legend-open]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/customers?light=Red", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-test=customer-name]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=customer-name]")).ToContainTextAsync("Orchard School");

        // The customer list's alarm count opens that customer's alarms.
        await page.GotoAsync("/com/customers");
        await page.Locator("tr", new() { HasText = "Quay Pharmacy" }).Locator("[data-test=customer-alarms-link]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/alarms?customer={linked}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr")).ToHaveCountAsync(2);

        var french = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(french, "admin", SignedInSilo.AdminPassword);
        await Assertions.Expect(french.Locator("[data-test=dashboard-customers]")).ToContainTextAsync("2 clients");
        await Browser.ScreenshotAsync(french, "dashboard-fr");
    }
}
