using Com.Harness.Cluster;

namespace Com.Harness.Scenarios;

/// <summary>The customer-list scenario: the list's first page timed in chromium with the whole fleet linked.</summary>
public sealed partial class ScaleRun
{
    private const string AdminPassword = "Bench-Admin-Pass-1";

    /// <summary>
    /// The customer list's first page in chromium, with the whole fleet linked and no storm: a full page load, the
    /// Customers menu from the dashboard, and a search, each timed <see cref="BenchPlan.ListSamples"/> times after one warm-up.
    /// </summary>
    private async Task CustomerListAsync(BenchCluster cluster)
    {
        if (!CustomerListBrowser.Available)
        {
            if (plan.BrowserOptional)
            {
                log.WriteLine($"  customer list: skipped, no {CustomerListBrowser.Chromium} (./com test installs it)");
                return;
            }
            throw new InvalidOperationException($"customer-list needs Debian's chromium at {CustomerListBrowser.Chromium}: apt-get install chromium");
        }
        await cluster.StartAllAsync();
        await using var sim = SimulatorRun.Start(environment, topology.Simulator, SimulatorPlan(cluster), $"list-{C}");
        using var api = new CustomerApi(cluster.Client(cluster.Silo(1)));
        var linked = await WaitAsync(() => sim.FirstTimeConnected(C), ConnectTimeout, sim);
        var green = await api.WaitGreenAsync(C, sim.Started, ConnectTimeout) ?? throw Failure($"not all {C} customers green in {ConnectTimeout}", sim);
        log.WriteLine($"  customer list: all {C} linked after {linked:0.0} s, green after {green:0.0} s");
        if (fleet.EndsWith('?'))
            fleet = await FleetSizeAsync(api);
        await cluster.EnsureAdminAsync(AdminPassword);
        // Names are "Bench customer 05000": all but the last digit of the middle one finds about ten.
        var middle = $"{C / 2}".PadLeft(Math.Max(3, $"{C}".Length), '0');
        var search = $"customer {middle[..^1]}";
        var matches = await api.SearchCountAsync(search) ?? throw new InvalidOperationException($"the list API did not answer the search '{search}'");

        CustomerListBrowser? browser = null;
        try
        {
            browser = await CustomerListBrowser.OpenAsync(cluster.Silo(1).WebBase);
            await browser.SignInAsync("admin", AdminPassword);
            var full = await TimeAsync("full load", () => browser.FullLoadAsync(C));
            var menu = await TimeAsync("menu", () => browser.FromMenuAsync(C));
            var typed = await TimeAsync("search", () => browser.SearchAsync(search, matches, C));
            ReportList(full, "full load of /com/customers until the first page shows with its circuit running",
                "new page load: sign-in cookie sent, server prerender, blazor.web.js, circuit, first render with data; static files cached");
            ReportList(menu, "Customers menu clicked on the interactive dashboard until the first page shows",
                "in-app navigation over the running circuit");
            ReportList(typed, $"search '{search}' typed until the {matches} hits show",
                "includes the search box's 200 ms debounce");
        }
        catch (Microsoft.Playwright.PlaywrightException e)
        {
            throw new InvalidOperationException($"customer list in chromium: {e.Message} (screenshot: {await ScreenshotAsync(browser)})", e);
        }
        finally
        {
            if (browser is not null)
                await browser.DisposeAsync();
        }
        log.WriteLine($"  customer list: {sim.Connected} of {C} still linked at the end");
        await sim.StopAsync();
    }

    /// <summary>The page as it was when a wait failed, for the error message; "none" when there is no page to take.</summary>
    private async Task<string> ScreenshotAsync(CustomerListBrowser? browser)
    {
        var shot = Path.Combine(environment.WorkDirectory, "runs", $"customer-list-{C}-failure.png");
        try
        {
            if (browser is null)
                return "none";
            await browser.ScreenshotAsync(shot);
            return shot;
        }
        catch (Microsoft.Playwright.PlaywrightException)
        {
            return "none";
        }
    }

    private async Task<List<double>> TimeAsync(string what, Func<Task<double>> once)
    {
        var warmUp = await once();
        var times = new List<double>();
        for (var i = 0; i < plan.ListSamples; i++)
            times.Add(await once());
        log.WriteLine($"  customer list, {what}: warm-up {warmUp:0} ms, then median {Statistics.Median(times):0} ms, p90 {Statistics.Percentile(times, 90):0} ms over {times.Count}");
        return times;
    }

    private void ReportList(List<double> times, string measure, string note) =>
        results.Add(new Measurement("customer list", fleet, $"{measure}, p90 {ResultsTable.Number(Statistics.Percentile(times, 90))} ms", "ms", times,
            Target: "< 1000 ms", Met: Statistics.Median(times) < 1000, Note: note));
}
