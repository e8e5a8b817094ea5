using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.Alarms;

/// <summary>The alarm list in chromium, fed by devices over real sockets: counts, filters, live changes and clearing.</summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class AlarmBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private const string OperatorPassword = "Operator-Pass-26";

    private static ILocator Row(IPage page, string text) => page.Locator("[data-test=alarms] tbody tr", new() { HasText = text });

    private const string Checkbox = "[data-test=select-alarm]";

    private static ILocator Count(IPage page, string chip) => page.Locator($"[data-test={chip}] [data-test=count]");

    [Fact]
    public async Task AlarmList_CountsFiltersAndFollowsDevicesLive_AndClearsOnlyEndedAlarms()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var harbour = await LinkedCustomers.ProvisionAsync(com, "Harbour Hotel");
        var mill = await LinkedCustomers.ProvisionAsync(com, "Mill Street Clinic");
        await using var harbourDevice = await LinkedCustomers.LinkAsync(com, harbour);
        await using var millDevice = await LinkedCustomers.LinkAsync(com, mill);
        await LinkedCustomers.AlarmAsync(harbourDevice, "critical", "trunk", "SIP trunk 1 out of service", ongoing: true);
        await LinkedCustomers.AlarmAsync(harbourDevice, "minor", "qos", "Jitter above 30 ms on trunk 2", ongoing: true);
        await LinkedCustomers.AlarmAsync(harbourDevice, "minor", "qos", "Jitter above 30 ms on trunk 2", ongoing: false);
        await LinkedCustomers.AlarmAsync(millDevice, "warning", "services", "Voicemail disk 85 % full", ongoing: true, server: "secondary");
        await LinkedCustomers.AlarmAsync(millDevice, "warning", "services", "Voicemail disk 85 % full", ongoing: false, server: "secondary");
        await LinkedCustomers.AlarmAsync(millDevice, "warning", "services", "Voicemail disk 85 % full", ongoing: true, server: "secondary");
        await LinkedCustomers.AlarmAsync(millDevice, "warning", "services", "Voicemail disk 85 % full", ongoing: false, server: "secondary");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await Browser.WaitInteractiveAsync(page);

        await page.ClickAsync("[data-test=menu-alarms]");
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(Count(page, "severity-Critical")).ToHaveTextAsync("1");
        await Assertions.Expect(Count(page, "severity-Warning")).ToHaveTextAsync("1");
        await Assertions.Expect(Count(page, "type-Qos")).ToHaveTextAsync("1");
        await Assertions.Expect(Row(page, "Voicemail disk").Locator("[data-test=alarm-occurrences]")).ToHaveTextAsync("2");
        await Assertions.Expect(Row(page, "Voicemail disk").Locator("[data-test=alarm-customer]")).ToHaveTextAsync("Mill Street Clinic");
        await Assertions.Expect(Row(page, "SIP trunk 1").Locator("[data-test=alarm-state]")).ToContainTextAsync("Ongoing");
        await Assertions.Expect(Row(page, "SIP trunk 1").Locator(Checkbox)).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "alarms-en");

        // A filter chip and the search combine; the summary keeps counting over everything searched.
        await Browser.WaitInteractiveAsync(page);
        await page.ClickAsync("[data-test=severity-Minor]");
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=active-filter]")).ToContainTextAsync("Minor");
        await page.FillAsync("[data-test=alarm-search]", "harbour");
        await Assertions.Expect(Row(page, "Jitter above 30 ms")).ToHaveCountAsync(1);
        await Assertions.Expect(Count(page, "severity-Warning")).ToHaveTextAsync("0");
        await page.FillAsync("[data-test=alarm-search]", "");
        await page.ClickAsync("[data-test=severity-Minor]");
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr")).ToHaveCountAsync(3);

        // Sorting by severity: descending puts critical first, ascending warning first, a third click goes back to newest first.
        await page.ClickAsync("[data-test=sort-Severity]");
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr").First).ToContainTextAsync("Critical");
        await page.ClickAsync("[data-test=sort-Severity]");
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr").First).ToContainTextAsync("Warning");
        await page.ClickAsync("[data-test=sort-Severity]");
        await Assertions.Expect(page.Locator("[data-test=sort-Severity]")).ToHaveAttributeAsync("data-sort", "none");

        // Live: a device raises an alarm and ends another; the page follows without a reload.
        await LinkedCustomers.AlarmAsync(millDevice, "major", "security", "Five failed logins on SSH", ongoing: true);
        await Assertions.Expect(Row(page, "Five failed logins")).ToHaveCountAsync(1, new() { Timeout = 5000 });
        await Assertions.Expect(Count(page, "severity-Major")).ToHaveTextAsync("1");
        await LinkedCustomers.AlarmAsync(harbourDevice, "critical", "trunk", "SIP trunk 1 out of service", ongoing: false);
        await Assertions.Expect(Row(page, "SIP trunk 1").Locator("[data-test=alarm-state]")).ToContainTextAsync("Ended", new() { Timeout = 5000 });

        // Clear selected, after confirmation: only ended alarms can be chosen.
        await Row(page, "SIP trunk 1").Locator(Checkbox).CheckAsync();
        await Row(page, "Jitter above").Locator(Checkbox).CheckAsync();
        await page.ClickAsync("[data-test=clear-selected]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr")).ToHaveCountAsync(4);
        await page.ClickAsync("[data-test=clear-selected]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(Count(page, "severity-Critical")).ToHaveTextAsync("0");

        // Clear all of one type: the ended Services alarm goes, the ongoing Security one of the same customer stays.
        await page.ClickAsync("[data-test=clear-type]");
        await page.ClickAsync("[data-test=clear-type-Services]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=alarms] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, "Five failed logins")).ToHaveCountAsync(1);

        var french = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(french, "admin", SignedInSilo.AdminPassword);
        await french.GotoAsync("/com/alarms");
        await Assertions.Expect(Row(french, "Five failed logins").Locator("[data-test=alarm-state]")).ToContainTextAsync("En cours");
        await Browser.ScreenshotAsync(french, "alarms-fr");
    }
}
