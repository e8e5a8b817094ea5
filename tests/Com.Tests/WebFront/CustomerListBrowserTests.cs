using Com.Simulator;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.WebFront;

/// <summary>The customer list in a real browser: colours and messages follow links coming and going, without a reload.</summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class CustomerListBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private const string Password = "Pbx-Secret-7";

    private static ILocator Row(IPage page, string name) => page.Locator("tr", new() { HasText = name });

    [Fact]
    public async Task CustomerList_FollowsLinksLive_InEnglishAndFrench()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var linked = await com.ProvisionAsync("Alpha Logistics", Password);
        var waiting = await com.ProvisionAsync("Beta Bakery", Password);
        var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(Hellos.Healthy(linked, Password), TimeSpan.FromSeconds(10));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);

        await page.ClickAsync("[data-test=menu-customers]");
        await Assertions.Expect(Row(page, "Alpha Logistics")).ToContainTextAsync("Connection successful");
        await Assertions.Expect(Row(page, "Beta Bakery")).ToContainTextAsync("Awaiting initial connection");
        await Browser.ScreenshotAsync(page, "customers-en");

        await using (var second = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken))
        {
            await second.HelloAsync(Hellos.Healthy(waiting, Password) with { Account = new(Rights: ["backup", "ownPasswordWrite", "serviceMonitorRead"]) }, TimeSpan.FromSeconds(10));
            await Assertions.Expect(Row(page, "Beta Bakery")).ToContainTextAsync("Upgrade rights not enabled", new() { Timeout = 5000 });
        }
        device.Abort();
        await Assertions.Expect(Row(page, "Alpha Logistics")).ToContainTextAsync("offline since", new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("[data-test=count-red]")).ToContainTextAsync("2");

        var french = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(french, "admin", SignedInSilo.AdminPassword);
        await french.GotoAsync("/com/customers");
        await Browser.ScreenshotAsync(french, "customers-fr");
        await Assertions.Expect(Row(french, "Alpha Logistics")).ToContainTextAsync("hors ligne depuis");
        await Browser.ScreenshotAsync(french, "customers-fr");
        await device.DisposeAsync();
    }
}
