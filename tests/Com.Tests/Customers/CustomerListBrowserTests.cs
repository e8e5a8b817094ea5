using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.Customers;

/// <summary>
/// The customer list in chromium with devices linked over real sockets: a dashboard tag opens it prefiltered, filter,
/// search and sort combine, details and back keep the filter, and the subscription e-mail reaches a real SMTP server.
/// </summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class CustomerListBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private const string MailUser = "mailer";
    private const string MailPassword = "Mail-Pass-26";
    private static readonly string[] VipHotel = ["VIP", "Hotel"], Vip = ["VIP"], Hotel = ["Hotel"];

    private static ILocator Rows(IPage page) => page.Locator("[data-test=customers] tbody tr:has([data-test=customer-id])");

    private static ILocator Row(IPage page, string text) => page.Locator("[data-test=customers] tbody tr", new() { HasText = text });

    private static ILocator Names(IPage page) => page.Locator("[data-test=customers] [data-test=customer-link]");

    [Fact]
    public async Task FilterSearchAndSortCombine_DetailsReturnToTheSameList_AndTheSubscriptionMailArrives()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        await using var smtp = new LocalSmtpServer(MailUser, MailPassword);
        var contact = new { name = "Ana Tech", email = "ana@example.com" };
        var inn = await LinkedCustomers.ProvisionAsync(com, "Lighthouse Inn", extra: new { tags = VipHotel, technicalContact = contact });
        await LinkedCustomers.ProvisionAsync(com, "Lighthouse Garage", extra: new { tags = Vip });
        var beacon = await LinkedCustomers.ProvisionAsync(com, "Beacon Hotel", extra: new { tags = Hotel });
        var dental = await LinkedCustomers.ProvisionAsync(com, "Lighthouse Dental");
        await using var innDevice = await LinkedCustomers.LinkAsync(com, inn);
        await using var beaconDevice = await LinkedCustomers.LinkAsync(com, beacon);
        await using var dentalDevice = await LinkedCustomers.LinkAsync(com, dental);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await Browser.WaitInteractiveAsync(page);

        // The dashboard's tag panel opens the list filtered by that tag.
        await Assertions.Expect(page.Locator("[data-test=panel-tags] [data-test=legend-VIP]")).ToContainTextAsync("2", new() { Timeout = 5000 });
        await Browser.ScreenshotAsync(page, "dashboard-tags-en");
        await page.Locator("[data-test=panel-tags] [data-test=legend-VIP] [data-test=legend-open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=active-filter]")).ToContainTextAsync("VIP");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);

        // Search narrows the filtered list; a three-state sort orders it.
        await Browser.WaitInteractiveAsync(page);
        await page.FillAsync("[data-test=search]", "inn");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await page.FillAsync("[data-test=search]", "");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await page.ClickAsync("[data-test=sort-Connectivity]");
        await Assertions.Expect(Names(page).First).ToHaveTextAsync("Lighthouse Inn");
        await page.ClickAsync("[data-test=sort-Connectivity]");
        await Assertions.Expect(Names(page).First).ToHaveTextAsync("Lighthouse Garage");
        await Assertions.Expect(page.Locator("[data-test=sort-Connectivity]")).ToHaveAttributeAsync("data-sort", "ascending");

        // Applying a panel filter replaces the tag filter; search combines with it; hiding the panel keeps it.
        await page.ClickAsync("[data-test=toggle-filter]");
        await Browser.PickAsync(page, "filter-tag", "Hotel");
        // The pick reaches the server in its own round trip; applying before it lands applied the old filter again.
        await Assertions.Expect(page.Locator(".mud-select:has([data-test=filter-tag]) input").Last).ToHaveValueAsync("Hotel");
        await page.ClickAsync("[data-test=apply-filter]");
        await Assertions.Expect(page.Locator("[data-test=active-filter]")).Not.ToContainTextAsync("VIP");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await page.FillAsync("[data-test=search]", "lighthouse");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await page.ClickAsync("[data-test=hide-filter]");
        await Assertions.Expect(page.Locator("[data-test=filter-panel]")).ToHaveCountAsync(0);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, "Lighthouse Inn").Locator("[data-test=light]")).ToHaveAttributeAsync("data-light", "Green");
        await Browser.ScreenshotAsync(page, "customers-filtered-en");

        // Details: every server of the network and the link history; closing returns to the same list.
        await page.ClickAsync("[data-test=customer-link]");
        await Assertions.Expect(page.Locator("[data-test=details-name]")).ToHaveTextAsync("Lighthouse Inn");
        await Assertions.Expect(page.Locator("[data-test=details-servers] [data-test=server-name]")).ToHaveTextAsync(["primary", "secondary"]);
        await Assertions.Expect(page.Locator("[data-test=last-connected]")).Not.ToHaveTextAsync("Never");
        await Assertions.Expect(page.Locator("[data-test=details-tags]")).ToHaveTextAsync("VIP, Hotel");
        await Browser.ScreenshotAsync(page, "customer-details-en");
        await page.ClickAsync("[data-test=close-details]");
        await Assertions.Expect(page.Locator("[data-test=active-filter]")).ToContainTextAsync("Hotel");
        await Assertions.Expect(page.Locator("[data-test=search]")).ToHaveValueAsync("lighthouse");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);

        // Live: an alarm raised by a device shows in the list without a reload.
        await page.FillAsync("[data-test=search]", "");
        await LinkedCustomers.AlarmAsync(beaconDevice, "major", "trunk", "Trunk 2 down", ongoing: true);
        await Assertions.Expect(Row(page, "Beacon Hotel").Locator("[data-test=customer-alarms]")).ToHaveTextAsync("1", new() { Timeout = 5000 });
        await Assertions.Expect(Row(page, "Beacon Hotel").Locator("[data-test=status-attention]")).ToHaveCountAsync(1);

        // Resend the subscription e-mail: refused without an SMTP server, delivered once one is set in the preferences.
        await Row(page, "Lighthouse Inn").Locator("[data-test=select-customer]").CheckAsync();
        await Browser.OpenActionsAsync(page);
        await page.ClickAsync("[data-test=action-ResendSubscriptionMail]");
        await Assertions.Expect(page.GetByText("No SMTP server is set in the preferences.")).ToBeVisibleAsync();

        await page.GotoAsync("/com/preferences");
        await Browser.WaitInteractiveAsync(page);
        await page.FillAsync("[data-test=smtp-host]", "127.0.0.1");
        await page.FillAsync("[data-test=smtp-port]", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Browser.PickAsync(page, "smtp-security", "None");
        await page.FillAsync("[data-test=smtp-user]", MailUser);
        await page.FillAsync("[data-test=smtp-password]", MailPassword);
        await page.FillAsync("[data-test=smtp-sender]", "com@example.net");
        await page.ClickAsync("[data-test=save-smtp]");
        await Assertions.Expect(page.Locator("[data-test=smtp-password]")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByText("A password is stored")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "preferences-en");

        await page.GotoAsync("/com/customers");
        await Browser.WaitInteractiveAsync(page);
        await Row(page, "Lighthouse Inn").Locator("[data-test=select-customer]").CheckAsync();
        await Browser.OpenActionsAsync(page);
        await page.ClickAsync("[data-test=action-ResendSubscriptionMail]");
        await Assertions.Expect(page.GetByText("Subscription e-mail sent for 1 customer(s).")).ToBeVisibleAsync();
        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe("ana@example.com");
        mail.From.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe("com@example.net");
        var body = mail.TextBody.ShouldNotBeNull();
        body.ShouldContain(inn);
        body.ShouldContain("COMAdmin");
        body.ShouldNotContain(LinkedCustomers.Password);

        var french = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(french, "admin", SignedInSilo.AdminPassword);
        await french.GotoAsync($"/com/customers/{inn}");
        await Assertions.Expect(french.Locator("[data-test=details-servers]")).ToContainTextAsync("En ligne");
        await Browser.ScreenshotAsync(french, "customer-details-fr");
        await french.GotoAsync("/com/customers?tag=Hotel");
        await Assertions.Expect(Rows(french)).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(french, "customers-fr");
        await french.GotoAsync("/com/preferences");
        await Assertions.Expect(french.Locator("[data-test=smtp-host]")).ToHaveValueAsync("127.0.0.1");
        await Browser.ScreenshotAsync(french, "preferences-fr");
    }
}
