using Com.Grains.Interfaces.Accounts;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.WebFront;

/// <summary>What a new user meets in the first minutes, in chromium: bookmarks, a long note, labels that match nothing, French pages.</summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class NewUserBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private const string UserPassword = "New-User-Pass-26";
    private static readonly TimeSpan RenderWait = TimeSpan.FromSeconds(15);

    /// <summary>The page's text without what it marks translate="no": data shown as recorded, such as the audit log's details.</summary>
    private static async Task<string> UiTextAsync(IPage page)
    {
        var text = await page.InnerTextAsync("body");
        foreach (var recorded in (await page.Locator("[translate=no]").AllInnerTextsAsync()).Where(t => t.Length > 0))
            text = text.Replace(recorded, "", StringComparison.Ordinal);
        return text;
    }

    [Theory]
    [InlineData("/com", "/com/")]
    [InlineData("/com/customers", "/com/customers")]
    public async Task SigningIn_AfterOpeningAPageWithoutASession_OpensThatPage(string opened, string expected)
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);

        await page.GotoAsync(opened);
        await page.FillAsync("#login", "admin");
        await page.FillAsync("#password", SignedInSilo.AdminPassword);
        await page.ClickAsync("[data-test=signin]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));

        new Uri(page.Url).AbsolutePath.ShouldBe(expected, "the page opened before signing in comes next, once under /com");
        await Assertions.Expect(page.Locator("[data-test=status-page]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=menu-customers]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CustomerList_WithAnEndlessNote_KeepsEveryColumnInTheWindow_AndShowsTheNoteAsATooltip()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var note = string.Concat(Enumerable.Repeat("Unbrokennotewithoutanyspace", 30));
        await LinkedCustomers.ProvisionAsync(com, "Endless Note Garage", extra: new { notes = note });
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);

        await page.GotoAsync("/com/customers");
        var row = page.Locator("[data-test=customers] tbody tr", new() { HasText = "Endless Note Garage" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "customers-long-note-en");

        var lastColumn = await row.Locator("[data-test=customer-status]").BoundingBoxAsync();
        var width = await page.EvaluateAsync<int>("() => window.innerWidth");
        (lastColumn!.X + lastColumn.Width).ShouldBeLessThanOrEqualTo(width, "the status column must stay in the window");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, "nothing scrolls sideways");
        await Assertions.Expect(row.Locator("[data-test=customer-notes] [title]")).ToHaveAttributeAsync("title", note);

        await row.Locator("[data-test=customer-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=details-notes]")).ToHaveTextAsync(note);
        await Browser.ScreenshotAsync(page, "customer-details-long-note-en");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, "the details page does not scroll sideways either");
    }

    [Fact]
    public async Task CustomerList_ForAUserWhoseLabelsMatchNothing_SaysSoInsteadOfNoCustomersYet_InEnglishAndFrench()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        await LinkedCustomers.ProvisionAsync(com, "Harbour Dental", reseller: "Harbour Group");
        await using (var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString))
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor("nolabel")).CreateAsync(new Actor("admin", Role.Administrator), "nolabel",
                new AccountDetails(Role.Operator, Labels: ["Nobody Group"]), UserPassword);
        await using var browser = await Browser.LaunchAsync();

        foreach (var (locale, message) in new[] { ("en-GB", "No customer matches your labels"), ("fr-FR", "Aucun client ne correspond à vos étiquettes") })
        {
            var page = await browser.NewPageAsync(com.Silo, locale);
            await Browser.SignInAsync(page, "nolabel", UserPassword);
            await page.GotoAsync("/com/customers");
            await Browser.WaitInteractiveAsync(page);

            await Assertions.Expect(page.Locator("[data-test=no-customers]")).ToContainTextAsync(message);
            await Browser.ScreenshotAsync(page, $"customers-no-label-match-{locale}");
        }
    }

    [Fact]
    public async Task EveryPage_InFrench_ShowsNoEnglish_EvenAfterTheDirectoryChangesUnderIt()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var id = await LinkedCustomers.ProvisionAsync(com, "Pharmacie du Port");
        await using var device = await LinkedCustomers.LinkAsync(com, id);
        await LinkedCustomers.AlarmAsync(device, "minor", "trunk", "Faisceau 1", ongoing: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        // Pages that follow the customer directory are rendered again when it changes; the others only once.
        string[] following = ["/com/", "/com/alarms", "/com/customers", $"/com/customers/{id}"];
        string[] still = ["/com/cluster", "/com/accounts", "/com/audit", "/com/preferences", "/com/profile"];
        string[] plainHtml = ["/com/password", "/com/status/404"];
        var signedOut = await browser.NewPageAsync(com.Silo, "fr-FR");

        for (var round = 1; round <= 2; round++)
        {
            await signedOut.GotoAsync("/com/signin");
            EnglishLeftovers.In(await UiTextAsync(signedOut)).ShouldBeEmpty($"the sign-in page (round {round}) shows English in French");
            foreach (var path in following.Concat(still).Concat(plainHtml))
            {
                await page.GotoAsync(path);
                if (!plainHtml.Contains(path))
                    await Browser.WaitInteractiveAsync(page);
                if (following.Contains(path))
                {
                    var before = await page.InnerTextAsync("body");
                    await LinkedCustomers.AlarmAsync(device, "minor", "trunk", $"Faisceau {round}{path.Length}", ongoing: true);
                    var after = await Eventually.GetAsync(() => page.InnerTextAsync("body"), text => text != before, RenderWait);
                    after.ShouldNotBe(before, $"{path} was not rendered again after an alarm changed its customer");
                }
                var body = await UiTextAsync(page);
                EnglishLeftovers.In(body).ShouldBeEmpty($"{path} (round {round}) shows English in French:\n{body}");
                if (round == 1)
                    await Browser.ScreenshotAsync(page, $"french{path.Replace('/', '-')}");
            }
        }
    }
}
