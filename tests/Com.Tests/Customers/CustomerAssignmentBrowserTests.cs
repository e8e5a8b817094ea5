using Com.Grains.Interfaces.Accounts;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.Customers;

/// <summary>
/// Assignment by hand in chromium (SPEC ROLE-3, USER-3): an Administrator assigns a Supervisor, who assigns one of its own
/// Operators, who then sees the customer; buttons and actions follow each role.
/// </summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class CustomerAssignmentBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private const string UserPassword = "Assigned-Pass-26";

    private static readonly System.Text.RegularExpressions.Regex Disabled = new(@"\bmud-disabled\b");

    private static ILocator Names(IPage page) => page.Locator("[data-test=customers] [data-test=customer-link]");

    private static ILocator Row(IPage page, string text) => page.Locator("[data-test=customers] tbody tr", new() { HasText = text });

    private static async Task EditAsync(IPage page, string customer)
    {
        await Row(page, customer).Locator("[data-test=select-customer]").CheckAsync();
        await page.ClickAsync("[data-test=edit-customer]");
        await Assertions.Expect(page.Locator("[data-test=customer-dialog]")).ToBeVisibleAsync();
    }

    private static async Task AssignAsync(IPage page, string login)
    {
        await page.Locator(".mud-select:has([data-test=field-operators])").Last.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = login }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.ClickAsync("[data-test=save-customer]");
        await Assertions.Expect(page.Locator("[data-test=customer-dialog]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ASupervisorAssignsItsOwnOperator_OnlyWhereItWasAssignedByHand_AndEachRoleGetsItsButtons()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        await LinkedCustomers.ProvisionAsync(com, "Canal Florist", extra: new { technicalContact = new { email = "florist@example.com" } });
        await LinkedCustomers.ProvisionAsync(com, "Canal Bakery", reseller: "Canal Group");
        await using (var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString))
        {
            var admin = new Actor("admin", Role.Administrator);
            var supervisor = new Actor("supone", Role.Supervisor);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("supone")).CreateAsync(admin, "supone", new AccountDetails(Role.Supervisor), UserPassword);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("opone")).CreateAsync(supervisor, "opone", new AccountDetails(Role.Operator), UserPassword);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("optwo")).CreateAsync(admin, "optwo", new AccountDetails(Role.Operator), UserPassword);
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("viewer")).CreateAsync(admin, "viewer", new AccountDetails(Role.ReadOnly, Labels: ["Canal Group"]), UserPassword);
        }
        await using var browser = await Browser.LaunchAsync();

        var adminPage = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(adminPage, "admin", SignedInSilo.AdminPassword);
        await adminPage.GotoAsync("/com/customers");
        await Browser.WaitInteractiveAsync(adminPage);
        await EditAsync(adminPage, "Canal Florist");
        await AssignAsync(adminPage, "supone");
        await Assertions.Expect(Row(adminPage, "Canal Florist").Locator("[data-test=customer-operators]")).ToHaveTextAsync("supone");

        // The Supervisor sees only what it was assigned, may edit but not add or delete, and may assign only its own Operator.
        var supervisorPage = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(supervisorPage, "supone", UserPassword);
        await supervisorPage.GotoAsync("/com/customers");
        await Browser.WaitInteractiveAsync(supervisorPage);
        await Assertions.Expect(Names(supervisorPage)).ToHaveTextAsync(["Canal Florist"]);
        await Assertions.Expect(supervisorPage.Locator("[data-test=add-customer]")).ToHaveCountAsync(0);
        await Assertions.Expect(supervisorPage.Locator("[data-test=delete-customers]")).ToHaveCountAsync(0);
        await EditAsync(supervisorPage, "Canal Florist");
        await supervisorPage.Locator(".mud-select:has([data-test=field-operators])").Last.ClickAsync();
        await Assertions.Expect(supervisorPage.Locator(".mud-popover-open .mud-list-item:not(.mud-list-item-disabled)")).ToHaveTextAsync(["opone"]);
        await supervisorPage.Keyboard.PressAsync("Escape");
        await AssignAsync(supervisorPage, "opone");

        // The Operator now sees the customer although no label matches; it may add but not edit, and may resend the e-mail.
        var operatorPage = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(operatorPage, "opone", UserPassword);
        await operatorPage.GotoAsync("/com/customers");
        await Browser.WaitInteractiveAsync(operatorPage);
        await Assertions.Expect(Names(operatorPage)).ToHaveTextAsync(["Canal Florist"]);
        await Assertions.Expect(operatorPage.Locator("[data-test=add-customer]")).ToBeVisibleAsync();
        await Assertions.Expect(operatorPage.Locator("[data-test=edit-customer]")).ToHaveCountAsync(0);
        await Row(operatorPage, "Canal Florist").Locator("[data-test=select-customer]").CheckAsync();
        await Browser.OpenActionsAsync(operatorPage);
        await Assertions.Expect(operatorPage.Locator("[data-test=action-ResendSubscriptionMail]")).Not.ToHaveClassAsync(Disabled);
        await Browser.ScreenshotAsync(operatorPage, "customers-operator-actions-en");

        // Another Operator sees nothing; a Read-only user gets no add, edit, delete or action.
        var other = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(other, "optwo", UserPassword);
        await other.GotoAsync("/com/customers");
        await Assertions.Expect(other.Locator("[data-test=no-customers]")).ToBeVisibleAsync();

        var viewer = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(viewer, "viewer", UserPassword);
        await viewer.GotoAsync("/com/customers");
        await Browser.WaitInteractiveAsync(viewer);
        await Assertions.Expect(viewer.Locator("[data-test=add-customer]")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("[data-test=edit-customer]")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("[data-test=delete-customers]")).ToHaveCountAsync(0);
        await Assertions.Expect(Names(viewer)).ToHaveTextAsync(["Canal Bakery"]);
        await Row(viewer, "Canal Bakery").Locator("[data-test=select-customer]").CheckAsync();
        await Browser.OpenActionsAsync(viewer);
        await Assertions.Expect(viewer.Locator("[data-test=action-ResendSubscriptionMail]")).ToHaveClassAsync(Disabled);
    }
}
