using Com.Grains.Interfaces.Accounts;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.Alarms;

/// <summary>SPEC ROLE-3 in the alarm list: an Operator's labels decide which customers' alarms it sees, whatever the URL says.</summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class AlarmScopeBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private const string OperatorPassword = "Operator-Pass-26";

    private static ILocator Row(IPage page, string text) => page.Locator("[data-test=alarms] tbody tr", new() { HasText = text });

    private static ILocator Count(IPage page, string chip) => page.Locator($"[data-test={chip}] [data-test=count]");

    [Fact]
    public async Task TwoOperators_EachSeeOnlyTheirCustomers_InTheAlarmList_TheDashboard_AndTheCustomerList()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var own = await LinkedCustomers.ProvisionAsync(com, "North Garage", reseller: "Reseller North");
        var other = await LinkedCustomers.ProvisionAsync(com, "South Bakery", reseller: "Reseller South");
        await using var ownDevice = await LinkedCustomers.LinkAsync(com, own);
        await using var otherDevice = await LinkedCustomers.LinkAsync(com, other);
        await LinkedCustomers.AlarmAsync(ownDevice, "major", "link", "Expansion link 2 down", ongoing: true);
        await LinkedCustomers.AlarmAsync(otherDevice, "critical", "trunk", "Bakery trunk down", ongoing: true);
        await using (var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString))
        {
            var admin = new Actor("admin", Role.Administrator);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("northop")).CreateAsync(admin, "northop",
                new AccountDetails(Role.Operator, Labels: ["Reseller North"]), OperatorPassword);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("southop")).CreateAsync(admin, "southop",
                new AccountDetails(Role.Operator, Labels: ["Reseller South"]), OperatorPassword);
        }
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "northop", OperatorPassword);

        await page.GotoAsync("/com/alarms");
        await Assertions.Expect(Row(page, "Expansion link 2 down")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, "Bakery trunk down")).ToHaveCountAsync(0);
        await Assertions.Expect(Count(page, "severity-Critical")).ToHaveTextAsync("0");

        await page.GotoAsync($"/com/alarms?customer={other}");
        await Assertions.Expect(page.Locator("[data-test=no-alarms]")).ToBeVisibleAsync();
        await page.GotoAsync("/com/alarms?severity=<script>&type=nonsense");
        await Assertions.Expect(Row(page, "Expansion link 2 down")).ToHaveCountAsync(1);

        await page.GotoAsync("/com/");
        await Assertions.Expect(page.Locator("[data-test=dashboard-customers]")).ToContainTextAsync("1 customer");
        await Assertions.Expect(page.Locator("[data-test=panel-severities] [data-test=legend-Major]")).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("[data-test=panel-severities] [data-test=legend-Critical]")).ToContainTextAsync("0");
        await page.GotoAsync("/com/customers");
        await Assertions.Expect(page.Locator("[data-test=customer-name]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=customer-name]")).ToContainTextAsync("North Garage");

        var south = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(south, "southop", OperatorPassword);
        await Assertions.Expect(south.Locator("[data-test=panel-severities] [data-test=legend-Critical]")).ToContainTextAsync("1");
        await Assertions.Expect(south.Locator("[data-test=panel-severities] [data-test=legend-Major]")).ToContainTextAsync("0");
        await south.GotoAsync("/com/alarms");
        await Assertions.Expect(Row(south, "Bakery trunk down")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(south, "Expansion link 2 down")).ToHaveCountAsync(0);
        await south.GotoAsync("/com/customers");
        await Assertions.Expect(south.Locator("[data-test=customer-name]")).ToHaveCountAsync(1);
        await Assertions.Expect(south.Locator("[data-test=customer-name]")).ToContainTextAsync("South Bakery");
    }
}
