using System.Globalization;
using Com.DeviceProtocol;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;

namespace Com.Tests.Backups;

/// <summary>
/// A COM whose nightly window opens a minute after it starts, in each system's own zone, swept every second: the
/// scheduler has to create tonight's job ahead, start it at the opening, and back up the systems of that zone alone.
/// </summary>
public sealed class NightlyDeployment : IAsyncLifetime
{
    // Enough for the test to link its four systems and start a user's backup before the window opens.
    public static readonly TimeSpan Lead = TimeSpan.FromSeconds(40);

    public ComDeployment Com { get; } = new();

    /// <summary>When tonight's window opens, in UTC and for systems in UTC.</summary>
    public DateTimeOffset Opens { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var opens = DateTimeOffset.UtcNow + Lead;
        Opens = new DateTimeOffset(opens.Year, opens.Month, opens.Day, opens.Hour, opens.Minute, opens.Second, TimeSpan.Zero);
        Com.Settings["Com__Backups__Nightly__Enabled"] = "true";
        Com.Settings["Com__Backups__Nightly__WindowStart"] = Opens.TimeOfDay.ToString("c", CultureInfo.InvariantCulture);
        Com.Settings["Com__Backups__Nightly__WindowLength"] = "00:10:00";
        Com.Settings["Com__Backups__Nightly__SweepEvery"] = "00:00:01";
        await Com.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Com.DisposeAsync();
}

/// <summary>SPEC BKP-3 through the real silo, link and device port, and the night as the jobs page shows it (issue 16 item 6).</summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class NightlyBackupTests(NightlyDeployment nightly) : IClassFixture<NightlyDeployment>, IAsyncLifetime
{
    private const string Password = "Pbx-Secret-16";
    private static readonly TimeSpan Wait = NightlyDeployment.Lead + TimeSpan.FromSeconds(60);
    private ExternalClusterClient client = null!;

    private ComDeployment Com => nightly.Com;

    public async ValueTask InitializeAsync() => client = await ExternalClusterClient.ConnectAsync(Com.Database.ConnectionString);

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private async Task<(string Id, ScriptedDevice Device)> LinkedAsync(string name, string zone, bool flag = true)
    {
        var id = await Com.ProvisionAsync(name, Password);
        var device = await ScriptedDevice.LinkAsync(Com, id, Password, hello => hello with
        {
            System = hello.System with { TimeZone = zone },
            Flags = hello.Flags! with { RemoteUpgradeBackup = flag },
        });
        return (id, device);
    }

    private async Task<Guid[]> AutomaticJobsAsync()
    {
        await using var db = NpgsqlDataSource.Create(Com.Database.ConnectionString);
        await using var query = db.CreateCommand("SELECT id FROM com_jobs WHERE operation = 'automatic-backup' ORDER BY created_at");
        var ids = new List<Guid>();
        await using var rows = await query.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            ids.Add(rows.GetGuid(0));
        return [.. ids];
    }

    [Fact]
    public async Task TonightsJob_IsCreatedAhead_StartsAtTheOpening_BacksUpTheZonesSystems_AndSkipsTheBusyOne()
    {
        var (idle, idleDevice) = await LinkedAsync("Nightly idle", "UTC");
        var (busy, busyDevice) = await LinkedAsync("Nightly busy", "UTC");
        var (elsewhere, elsewhereDevice) = await LinkedAsync("Nightly Kiritimati", "Pacific/Kiritimati");
        var (flagOff, flagOffDevice) = await LinkedAsync("Nightly flag off", "UTC", flag: false);
        await using var d1 = idleDevice;
        await using var d2 = busyDevice;
        await using var d3 = elsewhereDevice;
        await using var d4 = flagOffDevice;
        // The busy system runs a user's backup, kept alive with progress, while its nightly turn comes.
        var manual = Guid.NewGuid();
        await client.Grains.GetGrain<IJobGrain>(manual).CreateAsync(
            new JobDefinition("Manual before the night", "backup", [busy], new Actor("admin", Role.Administrator), null));
        var busyCommand = await busyDevice.NextCommandAsync();
        using var stopBeating = new CancellationTokenSource();
        var beating = KeepAliveAsync(busyDevice, busyCommand, stopBeating.Token);

        var jobId = (await Eventually.GetAsync(AutomaticJobsAsync, ids => ids.Length > 0, Wait, "tonight's automatic job to be created")).Single();
        var job = client.Grains.GetGrain<IJobGrain>(jobId);
        // Systems that linked after the job was created join it on the next sweeps.
        var created = (await Eventually.GetAsync(job.GetAsync, j => j!.Definition.Customers.Length >= 2, Wait, "both UTC systems in tonight's job"))!;
        created.Definition.Customers.Order(StringComparer.Ordinal).ShouldBe(new[] { idle, busy }.Order(StringComparer.Ordinal),
            "only the systems whose zone's window opens, and whose remote upgrade/backup flag is on");
        // Created ahead (unless the silo came up late on a loaded machine), the job waits for the opening in its reminder.
        var createdAhead = created.CreatedAt < nightly.Opens - TimeSpan.FromSeconds(1);
        created.Definition.StartAt.ShouldBe(createdAhead ? nightly.Opens : null, $"created at {created.CreatedAt:O}, the window opens at {nightly.Opens:O}");
        created.Definition.Name.ShouldBe($"Automatic backup {nightly.Opens:yyyy-MM-dd} (UTC)");

        var command = await idleDevice.NextCommandAsync(Wait);
        DateTimeOffset.UtcNow.ShouldBeGreaterThanOrEqualTo(nightly.Opens, "no backup before the window opens");
        command.Items.ShouldBe(["configuration", "services", "media-manager", "voicemail-selective"], "a Server Edition's nightly content");
        var skipped = await Eventually.GetAsync(async () => (await job.GetAsync())!.Targets.Single(t => t.CustomerId == busy),
            t => t.Status is not (TargetStatus.Waiting or TargetStatus.InProgress), Wait, "the busy system's turn");
        skipped.Status.ShouldBe(TargetStatus.Skipped, skipped.Reason);
        skipped.Reason.ShouldNotBeNull().ShouldStartWith("skipped: a backup started by job 'Manual before the night' at ");
        skipped.Reason.ShouldEndWith(" is still running");
        (await idleDevice.UploadAsync(command.Upload!, [1, 2, 3, 4])).ShouldBe(System.Net.HttpStatusCode.Created);
        await idleDevice.ResultAsync(command, ok: true);

        var ended = await Eventually.GetAsync(job.GetAsync, j => j!.EndedAt is not null, Wait, "tonight's job to end");
        ended!.Status.ShouldBe(JobStatus.Completed, "a skipped system does not fail the night");
        var version = (await client.Grains.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(idle)).ListAsync()).ShouldHaveSingleItem();
        version.Kind.ShouldBe(BackupKind.Automatic);
        version.JobId.ShouldBe(jobId);
        (await AutomaticJobsAsync()).ShouldBe([jobId], "sweeps every second create tonight's job once");
        await stopBeating.CancelAsync();
        await beating;
        await busyDevice.ResultAsync(busyCommand, ok: false, detail: "ended by the test");

        await SignedInSilo.CreateAdminAsync(Com.Database.ConnectionString);
        await using var browser = await Browser.LaunchAsync();
        await ShowsTheNightAsync(browser, "en-GB", "Automatic backup", ["Completed", "Skipped"]);
        await ShowsTheNightAsync(browser, "fr-FR", "Sauvegarde automatique", ["Réussi", "Ignoré"]);
    }

    /// <summary>The jobs page lists the night's job under its operation and creator; its details say why a system was skipped.</summary>
    private async Task ShowsTheNightAsync(Browser browser, string locale, string operation, string[] statuses)
    {
        var page = await browser.NewPageAsync(Com.Silo, locale);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);

        await page.GotoAsync("/com/jobs");
        await Browser.WaitInteractiveAsync(page);
        var row = page.Locator("[data-test=jobs] tbody tr", new() { HasText = "Automatic backup" });
        await Assertions.Expect(row.Locator("[data-test=job-operation]")).ToHaveTextAsync(operation);
        await Assertions.Expect(row.Locator("[data-test=job-creator]")).ToHaveTextAsync("COM");
        await Assertions.Expect(row.Locator("[data-test=job-status]")).ToHaveAttributeAsync("data-status", "Completed");
        await Browser.ScreenshotAsync(page, $"nightly-jobs-{locale[..2]}");
        await row.Locator("[data-test=job-details-open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=target-status]")).ToHaveCountAsync(2);
        var (completed, skipped) = (statuses[0], statuses[1]);
        await Assertions.Expect(page.Locator("[data-test=target-status]", new() { HasText = completed })).ToHaveCountAsync(1);
        var skippedRow = page.Locator("[data-test=job-details] tr", new() { Has = page.Locator("[data-test=target-status]", new() { HasText = skipped }) });
        await Assertions.Expect(skippedRow.Locator("[data-test=target-reason]")).ToContainTextAsync("is still running");
        await Browser.ScreenshotAsync(page, $"nightly-job-details-{locale[..2]}");
    }

    /// <summary>
    /// What a device busy with a long backup does: reports progress every couple of seconds, so COM does not take the
    /// command for abandoned while the test waits for the nightly turn.
    /// </summary>
    private static async Task KeepAliveAsync(ScriptedDevice device, CommandMessage command, CancellationToken stop)
    {
        using var beat = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            do
                await device.ProgressAsync(command, "primary", 10);
            while (await beat.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
