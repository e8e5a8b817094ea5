using Com.Simulator;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.Customers;

/// <summary>Adding, editing and deleting customers in chromium, with a device testing the connection over a real socket.</summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class CustomerAdminBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private static ILocator Rows(IPage page) => page.Locator("[data-test=customers] tbody tr:has([data-test=customer-id])");

    private static ILocator Row(IPage page, string text) => page.Locator("[data-test=customers] tbody tr", new() { HasText = text });

    [Fact]
    public async Task AddingACustomer_TestsItsConnection_RefusesBadInput_ShowsNotesAsText_AndDeletesAfterConfirmation()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        await LinkedCustomers.ProvisionAsync(com, "Quay Pharmacy");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await page.GotoAsync("/com/customers");
        await Browser.WaitInteractiveAsync(page);

        await page.ClickAsync("[data-test=add-customer]");
        var dialog = page.Locator("[data-test=customer-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var id = await page.InputValueAsync("[data-test=field-id]");
        CustomerIdsShouldBeValid(id);
        await Assertions.Expect(page.Locator("[data-test=field-id]")).ToBeDisabledAsync();

        // Test connection before any system tried the generated ID, then after one did with the right credentials.
        await page.FillAsync("[data-test=field-password]", LinkedCustomers.Password);
        await page.FillAsync("[data-test=field-confirm]", LinkedCustomers.Password);
        await page.ClickAsync("[data-test=test-connection]");
        await Assertions.Expect(page.Locator("[data-test=test-result]")).ToHaveAttributeAsync("data-outcome", "NoAttempt");
        await Should.ThrowAsync<LinkRefusedException>(() => LinkedCustomers.LinkAsync(com, id));
        await page.ClickAsync("[data-test=test-connection]");
        await Assertions.Expect(page.Locator("[data-test=test-result]")).ToHaveAttributeAsync("data-outcome", "CredentialsMatch");

        // Bad input is refused with a readable message, and nothing is created.
        await page.FillAsync("[data-test=field-name]", "quay PHARMACY ");
        await page.FillAsync("[data-test=field-email]", "front desk at example");
        await page.ClickAsync("[data-test=save-customer]");
        await Assertions.Expect(page.Locator("[data-test=customer-error]")).ToHaveTextAsync("This is not a valid e-mail address.");
        await page.FillAsync("[data-test=field-email]", "desk@example.com");
        await page.ClickAsync("[data-test=save-customer]");
        await Assertions.Expect(page.Locator("[data-test=customer-error]")).ToHaveTextAsync("Another customer has this name.");

        await page.FillAsync("[data-test=field-name]", "Dock Bakery");
        foreach (var tag in new[] { "VIP", "Bakery", "North", "Night", "Harbour" })
        {
            await page.FillAsync("[data-test=field-tag]", tag);
            await page.PressAsync("[data-test=field-tag]", "Enter");
        }
        await Assertions.Expect(page.Locator("[data-test=tag-chip]")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("[data-test=field-tag]")).ToBeDisabledAsync();
        await page.FillAsync("[data-test=field-notes]", "<img src=x onerror=\"window.__xss=1\"> back door code 42");
        await page.FillAsync("[data-test=field-contact-email]", "tech@example.com");
        await Browser.ScreenshotAsync(page, "customer-add-en");
        await page.ClickAsync("[data-test=save-customer]");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // The saved system links at its next attempt; the list follows live, notes are text, never markup.
        await using var device = await LinkedCustomers.LinkAsync(com, id);
        var row = Row(page, "Dock Bakery");
        await Assertions.Expect(row.Locator("[data-test=light]")).ToHaveAttributeAsync("data-light", "Green", new() { Timeout = 5000 });
        await Assertions.Expect(row.Locator("[data-test=customer-tags]")).ToContainTextAsync("Harbour");
        await Assertions.Expect(row.Locator("[data-test=customer-notes]")).ToContainTextAsync("<img src=x");
        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).ShouldBeTrue("the notes were not run as markup");
        await Browser.ScreenshotAsync(page, "customers-en");

        // Edit: the connection test answers from the live link.
        await row.Locator("[data-test=select-customer]").CheckAsync();
        await page.ClickAsync("[data-test=edit-customer]");
        await page.ClickAsync("[data-test=test-connection]");
        await Assertions.Expect(page.Locator("[data-test=test-result]")).ToHaveAttributeAsync("data-outcome", "Connected");
        await page.FillAsync("[data-test=field-phone]", "+33 1 23 45 67 89");
        await page.ClickAsync("[data-test=save-customer]");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // Bulk delete asks first; cancelling keeps everything.
        await Assertions.Expect(page.Locator(".mud-dialog-container")).ToHaveCountAsync(0);
        await row.Locator("[data-test=select-customer]").CheckAsync();
        await Row(page, "Quay Pharmacy").Locator("[data-test=select-customer]").CheckAsync();
        await page.ClickAsync("[data-test=delete-customers]");
        await Assertions.Expect(page.GetByText("Delete 2 customer(s)")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await page.ClickAsync("[data-test=delete-customers]");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(0, new() { Timeout = 5000 });
        await device.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        var french = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(french, "admin", SignedInSilo.AdminPassword);
        await french.GotoAsync("/com/customers");
        await Browser.WaitInteractiveAsync(french);
        await french.ClickAsync("[data-test=add-customer]");
        await french.FillAsync("[data-test=field-name]", "Boulangerie du Port");
        await french.ClickAsync("[data-test=save-customer]");
        await Assertions.Expect(french.Locator("[data-test=customer-error]")).ToContainTextAsync("mot de passe de service est obligatoire");
        await Browser.ScreenshotAsync(french, "customer-add-fr");
    }

    private static void CustomerIdsShouldBeValid(string id) =>
        Com.Grains.Interfaces.Customers.CustomerIds.IsValid(id).ShouldBeTrue($"'{id}' is a DNS label");
}
