using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.Backups;

/// <summary>
/// Backups as a distributor's admin meets them, in chromium against simulated systems: back up two customers from the
/// list, watch the job end in the job list and open its details, find the versions on a customer's page, back up again
/// in French and compare the two configurations side by side.
/// </summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class BackupBrowserTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static ILocator Row(IPage page, string text) => page.Locator("[data-test=customers] tbody tr", new() { HasText = text });

    private static ILocator Versions(IPage page) => page.Locator("[data-test=backup-versions] tbody tr:has([data-test=backup-taken])");

    private static async Task BackUpAsync(IPage page, string search, params string[] names)
    {
        await page.GotoAsync("/com/customers");
        await Browser.WaitInteractiveAsync(page);
        await page.FillAsync("[data-test=search]", search);
        await Assertions.Expect(page.Locator("[data-test=customers] [data-test=customer-link]")).ToHaveTextAsync(names);
        foreach (var name in names)
            await Row(page, name).Locator("[data-test=select-customer]").CheckAsync();
        // The menu's button is enabled once the selection reached the server; a click before that opens nothing.
        await Browser.OpenActionsAsync(page);
        await page.ClickAsync("[data-test=action-Backup]");
        await Assertions.Expect(page.Locator("[data-test=backup-summary]")).ToContainTextAsync(names[0]);
    }

    [Fact]
    public async Task BackUpTwoFromTheList_FindTheVersions_AndCompareTwoInFrench()
    {
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        await using var fleet = SimulatedFleet.Start(com, 2, null, "Harbour", "--config-change-seconds", "2");
        await using var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString);
        var ids = await Eventually.GetAsync(() => Task.FromResult(fleet.CustomerIds()), i => i.Count == 2, Patience, "the simulator to provision its fleet");
        var admin = new Actor("admin", Role.Administrator);
        foreach (var id in ids)
            await Eventually.GetAsync(() => client.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id)).GetDetailsAsync(admin),
                d => d?.Summary.Connectivity.Code == ConnectivityCode.Connected, Patience, $"simulated system {id} to link; simulator: {fleet.Tail}");
        await using var browser = await Browser.LaunchAsync();

        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await BackUpAsync(page, "Harbour", "Harbour 001", "Harbour 002");
        await Assertions.Expect(page.Locator("[data-test=backup-summary]")).ToContainTextAsync("2 system(s)");
        await Browser.ScreenshotAsync(page, "backup-dialog-en");
        var jobName = await page.InputValueAsync("[data-test=backup-name]");
        await page.ClickAsync("[data-test=backup-start]");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Backup job created for 2 system(s)");

        // The job list shows it end, live; its details show both systems and their servers done.
        await page.GotoAsync("/com/jobs");
        // The list is prerendered: a job already done shows "Completed" before the page answers clicks.
        await Browser.WaitInteractiveAsync(page);
        var job = page.Locator("[data-test=jobs] tbody tr", new() { HasText = jobName });
        await Assertions.Expect(job.Locator("[data-test=job-status]")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(job.Locator("[data-test=job-progress]")).ToHaveTextAsync("2 / 0 / 2");
        await job.Locator("[data-test=job-details-open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=target-status]")).ToHaveTextAsync(["Completed", "Completed"]);
        await Browser.ScreenshotAsync(page, "backup-job-details-en");
        await page.ClickAsync("[data-test=details-close]");
        foreach (var id in ids)
            await Eventually.GetAsync(() => client.Grains.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(id)).ListAsync(), b => b.Length == 1,
                Patience, $"the backup of {id} to be listed");

        await page.GotoAsync($"/com/customers/{ids[0]}");
        await Assertions.Expect(Versions(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=backup-counters]")).ToContainTextAsync("Total 1");
        await Assertions.Expect(page.Locator("[data-test=backup-download]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"backups/{ids[0]}/"));
        // The download streams the stored file to a signed-in user; a file not listed for this customer is not found.
        var stored = (await client.Grains.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(ids[0])).ListAsync()).Single();
        var download = await page.APIRequest.GetAsync($"/com/backups/{ids[0]}/{stored.FileId}");
        download.Status.ShouldBe(200);
        (await download.BodyAsync()).LongLength.ShouldBe(stored.Length);
        (await page.APIRequest.GetAsync($"/com/backups/{ids[1]}/{stored.FileId}")).Status.ShouldBe(404, "another customer's backup");
        await Browser.ScreenshotAsync(page, "backup-versions-en");

        // In French: a second backup of one system, which the page shows as it ends, then the diff of the two.
        var french = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(french, "admin", SignedInSilo.AdminPassword);
        await BackUpAsync(french, "Harbour 001", "Harbour 001");
        await Assertions.Expect(french.Locator("[data-test=backup-summary]")).ToContainTextAsync("1 système(s)");
        await Browser.ScreenshotAsync(french, "backup-dialog-fr");
        var frenchJob = await french.InputValueAsync("[data-test=backup-name]");
        await french.ClickAsync("[data-test=backup-start]");
        // Leaving the page before the server took the click would lose the job.
        await Assertions.Expect(french.Locator(".mud-snackbar")).ToContainTextAsync("Tâche de sauvegarde créée pour 1 système(s)");
        await french.GotoAsync("/com/jobs");
        var second = french.Locator("[data-test=jobs] tbody tr", new() { HasText = frenchJob });
        await Assertions.Expect(second.Locator("[data-test=job-status]")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Browser.ScreenshotAsync(french, "backup-jobs-fr");
        await french.GotoAsync($"/com/customers/{ids[0]}");
        await Assertions.Expect(Versions(french)).ToHaveCountAsync(2, new() { Timeout = (float)Patience.TotalMilliseconds });
        await Browser.WaitInteractiveAsync(french);
        await Versions(french).Nth(0).Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(french.Locator("[data-test=backup-counters]")).ToContainTextAsync("Sélection 1");
        await Versions(french).Nth(1).Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(french.Locator("[data-test=backup-counters]")).ToContainTextAsync("Sélection 2");
        await french.ClickAsync("[data-test=backup-compare]");
        await Assertions.Expect(french.Locator("[data-test=diff-counts]")).ToContainTextAsync("mots de passe et codes PIN masqués");
        await Assertions.Expect(french.Locator("[data-test=diff-row][data-kind=Unchanged]").First).ToBeVisibleAsync();
        (await french.Locator("[data-test=diff-row]:not([data-kind=Unchanged])").CountAsync()).ShouldBeGreaterThan(0, "the configuration changed between the two backups");
        await Browser.ScreenshotAsync(french, "backup-diff-fr");
    }
}
