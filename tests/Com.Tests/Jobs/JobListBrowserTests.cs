using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Tests.Infrastructure;
using Com.Tests.WebFront;
using Microsoft.Playwright;

namespace Com.Tests.Jobs;

/// <summary>
/// SPEC JOB-1 … JOB-4, DASH-3: the job list in chromium over jobs created through the job grains: search, filter,
/// details, pause and resume, stop, delete with confirmation, a refusal in words, the counters, the dashboard tile, and
/// the same page in French.
/// </summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class JobListBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private static readonly Actor Admin = new("admin", Role.Administrator);

    private static ILocator Rows(IPage page) => page.Locator("[data-test=jobs] tbody tr:has([data-test=job-name])");

    private static ILocator Row(IPage page, string name) => page.Locator("[data-test=jobs] tbody tr", new() { HasText = name });

    private static async Task ConfirmAsync(IPage page, string button, string question)
    {
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync(question);
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog-container")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task JobsAreListedSearchedFiltered_PausedResumedStoppedDeleted_WithConfirmation_InEnglishAndFrench()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var harbour = await LinkedCustomers.ProvisionAsync(com, "Harbour Hotel");
        var mill = await LinkedCustomers.ProvisionAsync(com, "Old Mill");
        var later = DateTimeOffset.UtcNow.AddDays(2);
        var ids = new Dictionary<string, Guid>();
        await using (var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString))
        {
            async Task CreateAsync(string name, string[] customers, DateTimeOffset? startAt)
            {
                ids[name] = Guid.NewGuid();
                await client.Grains.GetGrain<IJobGrain>(ids[name]).CreateAsync(new JobDefinition(name, ComDeployment.JobOperation, customers, Admin, startAt));
            }
            await CreateAsync("Nightly check", [harbour, mill], later);
            await CreateAsync("Weekly check", [harbour], later.AddHours(1));
            await CreateAsync("Monthly check", [mill], later.AddHours(2));
            // Immediate: runs at once and completes, so the list also shows an ended job.
            await CreateAsync("Check now", [mill], null);
            await Eventually.GetAsync(() => client.Grains.GetGrain<IJobGrain>(ids["Check now"]).GetAsync(), j => j!.Status == JobStatus.Completed,
                TimeSpan.FromSeconds(30), "the immediate job to complete");
        }
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await Browser.WaitInteractiveAsync(page);

        // The dashboard's tile counts the scheduled jobs and opens the list filtered by them.
        await Assertions.Expect(page.Locator("[data-test=jobs-scheduled] [data-test=count]")).ToHaveTextAsync("3", new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("[data-test=jobs-in-progress] [data-test=count]")).ToHaveTextAsync("0");
        await Browser.ScreenshotAsync(page, "dashboard-jobs-en");
        await page.Locator("[data-test=jobs-scheduled] [data-test=count]").ClickAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(3);
        await Assertions.Expect(Row(page, "Check now")).ToHaveCountAsync(0);

        await page.ClickAsync("[data-test=menu-jobs]");
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-test=jobs-total]")).ToHaveTextAsync("Total: 4");
        await Assertions.Expect(Row(page, "Check now").Locator("[data-test=job-status]")).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(Row(page, "Check now").Locator("[data-test=job-start]")).ToHaveTextAsync("immediately");
        await Assertions.Expect(Row(page, "Check now").Locator("[data-test=job-progress]")).ToHaveTextAsync("1 / 0 / 1");
        await Assertions.Expect(Row(page, "Nightly check").Locator("[data-test=job-customers]")).ToHaveTextAsync("2");

        // Search and filter.
        await page.FillAsync("[data-test=job-search]", "weekly");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=jobs-total]")).ToHaveTextAsync("Total: 1");
        await page.FillAsync("[data-test=job-search]", "");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(4);
        await Browser.PickAsync(page, "filter-status", "Completed");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Rows(page).Locator("[data-test=job-name]")).ToHaveTextAsync("Check now");
        await Browser.PickAsync(page, "filter-status", "Scheduled");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(3);
        await page.ClickAsync("[data-test=sort-Name]");
        await Assertions.Expect(Rows(page).Locator("[data-test=job-name]")).ToHaveTextAsync(["Weekly check", "Nightly check", "Monthly check"]);

        // Details: each customer's part.
        await Row(page, "Nightly check").Locator("[data-test=job-details-open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=details-target]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-test=details-target]").First).ToContainTextAsync("Harbour Hotel");
        await Assertions.Expect(page.Locator("[data-test=target-status]")).ToHaveTextAsync(["Waiting", "Waiting"]);
        await Browser.ScreenshotAsync(page, "job-details-en");
        await page.ClickAsync("[data-test=details-close]");
        await Assertions.Expect(page.Locator(".mud-dialog-container")).ToHaveCountAsync(0);

        // Pause, then resume, with confirmation naming how many jobs.
        await Row(page, "Weekly check").Locator("[data-test=select-job]").CheckAsync();
        await Assertions.Expect(page.Locator("[data-test=jobs-selected]")).ToHaveTextAsync("Selected: 1");
        await page.ClickAsync("[data-test=jobs-pause]");
        await ConfirmAsync(page, "Pause", "Pause 1 job(s)?");
        await Assertions.Expect(page.GetByText("1 job(s) paused.")).ToBeVisibleAsync();
        // Filtered on Scheduled, the paused job leaves the list; without the filter it shows Paused.
        await Assertions.Expect(Row(page, "Weekly check")).ToHaveCountAsync(0);
        await page.Locator(".mud-select:has([data-test=filter-status]) .mud-input-clear-button").ClickAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(4);
        await Assertions.Expect(Row(page, "Weekly check").Locator("[data-test=job-status]")).ToHaveAttributeAsync("data-status", "Paused");
        await Row(page, "Weekly check").Locator("[data-test=select-job]").CheckAsync();
        // The actions act on the selection the server holds: wait until the click reached it.
        await Assertions.Expect(page.Locator("[data-test=jobs-selected]")).ToHaveTextAsync("Selected: 1");
        await page.ClickAsync("[data-test=jobs-resume]");
        await ConfirmAsync(page, "Resume", "Resume 1 job(s)?");
        await Assertions.Expect(Row(page, "Weekly check").Locator("[data-test=job-status]")).ToHaveAttributeAsync("data-status", "Scheduled");

        // Stop is final; an immediate job cannot be paused, and the page says why.
        await Row(page, "Monthly check").Locator("[data-test=select-job]").CheckAsync();
        // The actions act on the selection the server holds: wait until the click reached it.
        await Assertions.Expect(page.Locator("[data-test=jobs-selected]")).ToHaveTextAsync("Selected: 1");
        await page.ClickAsync("[data-test=jobs-stop]");
        await ConfirmAsync(page, "Stop", "Stop 1 job(s)?");
        await Assertions.Expect(Row(page, "Monthly check").Locator("[data-test=job-status]")).ToHaveAttributeAsync("data-status", "Stopped");
        await Row(page, "Check now").Locator("[data-test=select-job]").CheckAsync();
        // The actions act on the selection the server holds: wait until the click reached it.
        await Assertions.Expect(page.Locator("[data-test=jobs-selected]")).ToHaveTextAsync("Selected: 1");
        await page.ClickAsync("[data-test=jobs-pause]");
        await ConfirmAsync(page, "Pause", "Pause 1 job(s)?");
        await Assertions.Expect(page.GetByText("1 job(s) refused: An immediate job cannot be paused, resumed or stopped.")).ToBeVisibleAsync();

        // Delete: the job leaves the list and the total.
        await Row(page, "Monthly check").Locator("[data-test=select-job]").CheckAsync();
        // The actions act on the selection the server holds: wait until the click reached it.
        await Assertions.Expect(page.Locator("[data-test=jobs-selected]")).ToHaveTextAsync("Selected: 1");
        await page.ClickAsync("[data-test=jobs-delete]");
        await ConfirmAsync(page, "Delete", "Delete 1 job(s)?");
        await Assertions.Expect(Row(page, "Monthly check")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=jobs-total]")).ToHaveTextAsync("Total: 3");

        // Select all on the page.
        await page.Locator("[data-test=select-page]").CheckAsync();
        await Assertions.Expect(page.Locator("[data-test=jobs-selected]")).ToHaveTextAsync("Selected: 3");
        await Browser.ScreenshotAsync(page, "jobs-en");

        var french = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(french, "admin", SignedInSilo.AdminPassword);
        await Assertions.Expect(french.Locator("[data-test=jobs-scheduled] [data-test=count]")).ToHaveTextAsync("2", new() { Timeout = 15000 });
        await Browser.ScreenshotAsync(french, "dashboard-jobs-fr");
        await french.GotoAsync("/com/jobs");
        await Browser.WaitInteractiveAsync(french);
        await Assertions.Expect(Rows(french)).ToHaveCountAsync(3);
        await Assertions.Expect(french.Locator("h4")).ToHaveTextAsync("Tâches planifiées");
        await Assertions.Expect(Row(french, "Weekly check").Locator("[data-test=job-status]")).ToHaveTextAsync("Planifiée");
        await Assertions.Expect(french.Locator("[data-test=jobs-total]")).ToHaveTextAsync("Total : 3");
        await Row(french, "Check now").Locator("[data-test=select-job]").CheckAsync();
        // The actions act on the selection the server holds: wait until the click reached it.
        await Assertions.Expect(french.Locator("[data-test=jobs-selected]")).ToHaveTextAsync("Sélectionnées : 1");
        await french.ClickAsync("[data-test=jobs-resume]");
        await ConfirmAsync(french, "Reprendre", "Reprendre 1 tâche(s) ?");
        await Assertions.Expect(french.GetByText("1 tâche(s) refusée(s) : Une tâche immédiate ne peut être ni suspendue, ni reprise, ni arrêtée.")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(french, "jobs-fr");
        EnglishLeftovers.In(await french.Locator(".mud-main-content").InnerTextAsync()).ShouldBeEmpty("the French job list shows no English");
    }

    [Fact]
    public async Task CustomerList_ShowsTheLatestActionsIcon_WithActionJobAndTime()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        var quay = await LinkedCustomers.ProvisionAsync(com, "Quay Bistro");
        await using var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString);
        var actions = client.Grains.GetGrain<ICustomerActionsGrain>(CustomerIds.GrainKey(quay));
        var grant = await actions.BeginActionAsync(new ActionRequest(CustomerAction.Backup, "job-1", ActionOrigin.Job, "Friday backup"));
        grant.Refusal.ShouldBeNull();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await page.GotoAsync("/com/customers");
        await Browser.WaitInteractiveAsync(page);

        var icon = page.Locator("[data-test=customers] tbody tr", new() { HasText = "Quay Bistro" }).Locator("[data-test=status-action]");
        await Assertions.Expect(icon).ToHaveAttributeAsync("data-progress", "InProgress");
        await Assertions.Expect(icon).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^Backup: in progress since .* · job “Friday backup”$"));

        // MudIcon gives its title as the SVG's own title, the accessible name a mouse-over shows.
        // Live: the action's end turns the icon without a reload.
        await actions.EndActionAsync("job-1", ActionOutcome.Failed);
        await Assertions.Expect(icon).ToHaveAttributeAsync("data-progress", "Failed");
        await Assertions.Expect(icon).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^Backup: failed at .* · job “Friday backup”$"));
        await Browser.ScreenshotAsync(page, "customers-action-status-en");
    }
}
