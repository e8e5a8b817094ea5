using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Com.Harness.Scenarios;

/// <summary>
/// The customer list in Debian's chromium, driven by Playwright with the launch options of the browser tests: one
/// signed-in browser profile, timed from the user's action until the first page shows its rows and the circuit runs.
/// </summary>
public sealed class CustomerListBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    private const int PageSize = 50;
    private const float WaitMs = 60_000;

    // The pager reads "1-50 of 10000" (Strings.resx PagerInfo, en-GB); the rows are the table's data rows. The marker
    // [data-test=interactive] appears once the Blazor circuit runs: before that, the prerendered page ignores clicks.
    private const string Shown = """
        ([pager, rows]) => {
            const total = document.querySelector('[data-test=customer-total]');
            return document.querySelector('[data-test=interactive]') !== null
                && total !== null && total.textContent.trim() === pager
                && document.querySelectorAll('[data-test=customers] tbody tr:has([data-test=customer-id])').length === rows;
        }
        """;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IBrowserContext context;
    private readonly IPage page;

    private CustomerListBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.context = context;
        this.page = page;
    }

    public static bool Available => File.Exists(Chromium);

    /// <summary>A headless chromium with a fresh profile speaking English, trusting the silo's self-signed certificate.</summary>
    public static async Task<CustomerListBrowser> OpenAsync(Uri webBase)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = webBase.GetLeftPart(UriPartial.Authority),
                IgnoreHTTPSErrors = true,
                Locale = "en-GB",
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en-GB" },
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            });
            context.SetDefaultTimeout(WaitMs);
            context.SetDefaultNavigationTimeout(WaitMs);
            return new CustomerListBrowser(playwright, browser, context, await context.NewPageAsync());
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Through the real sign-in form, as a person does.</summary>
    public async Task SignInAsync(string login, string password)
    {
        await page.GotoAsync("/com/signin");
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-test=signin]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>Milliseconds from asking for <c>/com/customers</c> until its first page shows with data and its circuit runs.</summary>
    public async Task<double> FullLoadAsync(int total)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/com/customers");
        await WaitShownAsync(total);
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>From the interactive dashboard, milliseconds from the click on the Customers menu until the first page shows.</summary>
    public async Task<double> FromMenuAsync(int total)
    {
        await page.GotoAsync("/com/");
        await page.Locator("[data-test=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var watch = Stopwatch.StartNew();
        await page.ClickAsync("[data-test=menu-customers]");
        await WaitShownAsync(total);
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// On the shown list, milliseconds from filling the search box until the rows and the pager show the
    /// <paramref name="matches"/> hits; then the search is cleared again (not timed).
    /// </summary>
    public async Task<double> SearchAsync(string text, int matches, int total)
    {
        await WaitShownAsync(total);
        var watch = Stopwatch.StartNew();
        await page.FillAsync("[data-test=search]", text);
        await WaitShownAsync(matches);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        await page.FillAsync("[data-test=search]", "");
        await WaitShownAsync(total);
        return elapsed;
    }

    public Task ScreenshotAsync(string path) => page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

    private async Task WaitShownAsync(int total)
    {
        var rows = Math.Min(PageSize, total);
        var pager = string.Create(CultureInfo.InvariantCulture, $"{(total == 0 ? 0 : 1)}-{rows} of {total}");
        var done = await page.WaitForFunctionAsync(Shown, new object[] { pager, rows }, new PageWaitForFunctionOptions { Timeout = WaitMs });
        await done.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
