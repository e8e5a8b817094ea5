using System.Globalization;
using Com.DeviceProtocol;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Tests.Infrastructure;
using Npgsql;

namespace Com.Tests.Backups;

/// <summary>
/// A COM whose nightly window opens a minute after it starts, in each system's own zone, swept every second: the
/// scheduler has to create tonight's job ahead, start it at the opening, and back up the systems of that zone alone.
/// </summary>
public sealed class NightlyDeployment : IAsyncLifetime
{
    public static readonly TimeSpan Lead = TimeSpan.FromSeconds(60);

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

/// <summary>SPEC BKP-3 through the real silo, link and device port (issue 16 item 6).</summary>
[Trait("Category", "Process")]
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
        var created = (await job.GetAsync())!;
        if (DateTimeOffset.UtcNow < nightly.Opens - TimeSpan.FromSeconds(2))
            created.Status.ShouldBe(JobStatus.Scheduled, "created ahead, the job waits for the window in its reminder");
        created.Definition.StartAt.ShouldBe(nightly.Opens);
        created.Definition.Customers.Order(StringComparer.Ordinal).ShouldBe(new[] { idle, busy }.Order(StringComparer.Ordinal),
            "only the systems whose zone's window opens, and whose remote upgrade/backup flag is on");
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
