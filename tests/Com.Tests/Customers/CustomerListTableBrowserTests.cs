using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.Customers;

/// <summary>The customer table's MudBlazor sort labels and pager in chromium: reachable from the keyboard, and paging the list.</summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class CustomerListTableBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private static ILocator Names(IPage page) => page.Locator("[data-test=customers] [data-test=customer-link]");

    private async Task<IPage> OpenListAsync(Browser browser, string search)
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await Browser.WaitInteractiveAsync(page);
        await page.ClickAsync("[data-test=menu-customers]");
        await page.FillAsync("[data-test=search]", search);
        return page;
    }

    private static Task<string?> FocusedAsync(IPage page) => page.EvaluateAsync<string?>("document.activeElement?.getAttribute('data-test')");

    [Fact]
    public async Task TabReachesTheNameHeader_AndEnterSortsDescendingThenAscendingThenNot()
    {
        await LinkedCustomers.ProvisionAsync(com, "Keyboard Alder");
        await LinkedCustomers.ProvisionAsync(com, "Keyboard Zephyr");
        await LinkedCustomers.ProvisionAsync(com, "Keyboard Maple");
        await using var browser = await Browser.LaunchAsync();
        var page = await OpenListAsync(browser, "Keyboard");
        await Assertions.Expect(Names(page)).ToHaveTextAsync(["Keyboard Alder", "Keyboard Maple", "Keyboard Zephyr"]);

        // The page's select-all box comes just before the first header; one Tab moves on to the header.
        await page.Locator("[data-test=customers] thead input[type=checkbox]").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).ShouldBe("sort-Name", "Tab after the select-all box should land on the name header");

        var header = page.Locator("[data-test=sort-Name]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(header).ToHaveAttributeAsync("data-sort", "descending");
        await Assertions.Expect(Names(page)).ToHaveTextAsync(["Keyboard Zephyr", "Keyboard Maple", "Keyboard Alder"]);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(header).ToHaveAttributeAsync("data-sort", "ascending");
        await Assertions.Expect(Names(page)).ToHaveTextAsync(["Keyboard Alder", "Keyboard Maple", "Keyboard Zephyr"]);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(header).ToHaveAttributeAsync("data-sort", "none");
        (await FocusedAsync(page)).ShouldBe("sort-Name", "sorting keeps the focus on the header, so Enter can go on cycling");
    }

    [Fact]
    public async Task ThePagerShowsFiftyRowsAPage_AndTheNextPageShowsTheRest()
    {
        // One customer the search leaves out, so "of 53" proves the search has applied (a search goes back to page 1).
        await LinkedCustomers.ProvisionAsync(com, "Unpaged Bakery");
        for (var n = 1; n <= 53; n++)
            await LinkedCustomers.ProvisionAsync(com, $"Paged Customer {n:00}");
        await using var browser = await Browser.LaunchAsync();
        var page = await OpenListAsync(browser, "Paged Customer");

        var pager = page.Locator("[data-test=customer-total]");
        await Assertions.Expect(pager.Locator(".mud-table-page-number-information")).ToHaveTextAsync("1-50 of 53");
        await Assertions.Expect(Names(page)).ToHaveCountAsync(50);
        await pager.Locator(".mud-table-pagination-next-button").ClickAsync();
        await Assertions.Expect(pager.Locator(".mud-table-page-number-information")).ToHaveTextAsync("51-53 of 53");
        await Assertions.Expect(Names(page)).ToHaveTextAsync(["Paged Customer 51", "Paged Customer 52", "Paged Customer 53"]);
    }
}
