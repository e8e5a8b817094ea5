using System.Net;
using System.Security.Cryptography;
using Com.DeviceProtocol;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Tests.Infrastructure;
using Npgsql;

namespace Com.Tests.Backups;

/// <summary>
/// Backup and restore through the real link and the real device port, with a device the test scripts: the command,
/// the one-time transfer token, progress, results, and every way a device can let a backup down.
/// </summary>
[Collection(SharedDeviceGateway.Name)]
[Trait("Category", "Process")]
public sealed class BackupCommandTests(ComDeployment com) : IAsyncLifetime
{
    private const string Password = "Pbx-Secret-16";
    private static readonly Actor Admin = new("admin", Role.Administrator);
    private ExternalClusterClient client = null!;

    public async ValueTask InitializeAsync() => client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString);

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private async Task<(string Id, ScriptedDevice Device)> LinkedAsync(string name)
    {
        var id = await com.ProvisionAsync(name, Password);
        return (id, await ScriptedDevice.LinkAsync(com, id, Password));
    }

    private async Task<Guid> StartAsync(string operation, string[] customers, string[]? items = null, Guid? fileId = null, string name = "Test backup")
    {
        var jobId = Guid.NewGuid();
        await client.Grains.GetGrain<IJobGrain>(jobId).CreateAsync(new JobDefinition(name, operation, customers, Admin, null, items, fileId));
        return jobId;
    }

    private Task<JobView> EndedAsync(Guid jobId) => Eventually.GetAsync(
        async () => (await client.Grains.GetGrain<IJobGrain>(jobId).GetAsync())!,
        j => j.Status is not (JobStatus.InProgress or JobStatus.Scheduled),
        ComDeployment.CommandSilence * 3, $"job {jobId} to end");

    private Task<BackupEntry[]> BackupsAsync(string customerId) =>
        client.Grains.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(customerId)).ListAsync();

    private async Task<long> StoredFilesOfAsync(string customerId)
    {
        await using var db = NpgsqlDataSource.Create(com.Database.ConnectionString);
        await using var count = db.CreateCommand("SELECT count(*) FROM com_files WHERE owner = $1");
        count.Parameters.AddWithValue(customerId);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    [Fact]
    public async Task Backup_IsUploadedOnce_ListedWithItsHash_AndTheJobCompletes()
    {
        var (id, device) = await LinkedAsync("Backup happy path");
        await using var _ = device;
        var jobId = await StartAsync(Commands.Backup, [id], ["configuration", "voicemail"]);

        var command = await device.NextCommandAsync();
        command.Command.ShouldBe(Commands.Backup);
        command.Items.ShouldBe(["configuration", "voicemail"]);
        command.Upload.ShouldNotBeNull().ShouldStartWith(Commands.FilesPath + "/");
        await device.ProgressAsync(command, "primary", 50);
        await device.ProgressAsync(command, "secondary", 20);
        await Eventually.GetAsync(async () => (await client.Grains.GetGrain<IJobGrain>(jobId).GetAsync())!.Targets[0].Servers,
            s => s is { Length: 2 }, what: "the job to show each server's progress");
        var content = RandomNumberGenerator.GetBytes(300_000);
        (await device.UploadAsync(command.Upload!, content)).ShouldBe(HttpStatusCode.Created);
        (await device.UploadAsync(command.Upload!, content)).ShouldBe(HttpStatusCode.Unauthorized, "a token is good for one upload");
        await device.ResultAsync(command, ok: true);

        var job = await EndedAsync(jobId);
        job.Status.ShouldBe(JobStatus.Completed, job.Targets[0].Reason);
        job.Targets[0].Servers.ShouldNotBeNull().ShouldAllBe(s => s.Status == TargetStatus.Completed && s.Percent == 100);
        var backup = (await BackupsAsync(id)).ShouldHaveSingleItem();
        (backup.Sha256, backup.Length, backup.Kind, backup.JobId).ShouldBe((Sha256(content), content.LongLength, BackupKind.Manual, jobId));
        backup.Items.ShouldBe(["configuration", "voicemail"]);
    }

    [Fact]
    public async Task TokensOfOtherShapes_OrOfAnEndedCommand_AreRefused_AndChangeNothing()
    {
        var (id, device) = await LinkedAsync("Backup with bad tokens");
        await using var _ = device;
        (await device.UploadAsync($"{Commands.FilesPath}/not-a-token", [1, 2, 3])).ShouldBe(HttpStatusCode.Unauthorized);
        (await device.UploadAsync($"{Commands.FilesPath}/{Guid.NewGuid():N}{new string('A', 43)}", [1, 2, 3])).ShouldBe(HttpStatusCode.Unauthorized);

        var jobId = await StartAsync(Commands.Backup, [id]);
        var command = await device.NextCommandAsync();
        var forged = command.Upload![..^4] + "AAAA";
        (await device.UploadAsync(forged, [1, 2, 3])).ShouldBe(HttpStatusCode.Unauthorized, "a wrong secret for a real command");
        (await device.DownloadAsync(command.Upload!)).Status.ShouldBe(HttpStatusCode.Unauthorized, "a backup's token does not download");
        await device.ResultAsync(command, ok: false, "disk full on primary");

        var job = await EndedAsync(jobId);
        job.Status.ShouldBe(JobStatus.Failed);
        job.Targets[0].Reason.ShouldBe("the system reported: disk full on primary");
        (await device.UploadAsync(command.Upload!, [1, 2, 3])).ShouldBe(HttpStatusCode.Unauthorized, "the command has ended");
        (await BackupsAsync(id)).ShouldBeEmpty();
        (await StoredFilesOfAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task TornUpload_ListsNothing_AndFailsTheServerWithTheReason()
    {
        var (id, device) = await LinkedAsync("Backup torn mid-upload");
        await using var _ = device;
        var jobId = await StartAsync(Commands.Backup, [id]);
        var command = await device.NextCommandAsync();
        await device.ProgressAsync(command, "primary", 40);

        await device.TearUploadAsync(command.Upload!, announced: 2_000_000, sent: 700_000);

        var job = await EndedAsync(jobId);
        job.Status.ShouldBe(JobStatus.Failed);
        job.Targets[0].Reason.ShouldNotBeNull().ShouldStartWith("the upload broke off");
        job.Targets[0].Servers.ShouldNotBeNull().ShouldHaveSingleItem().Status.ShouldBe(TargetStatus.Failed);
        (await BackupsAsync(id)).ShouldBeEmpty();
        (await StoredFilesOfAsync(id)).ShouldBe(0, "a torn upload must leave no file listed");
    }

    [Fact]
    public async Task LinkDroppedMidBackup_FailsWithTheReason_AndFreesTheSystemForTheNextJob()
    {
        var (id, device) = await LinkedAsync("Backup cut off");
        var jobId = await StartAsync(Commands.Backup, [id]);
        var command = await device.NextCommandAsync();
        await device.ProgressAsync(command, "primary", 30);
        device.Link.Abort();
        await device.DisposeAsync();

        var job = await EndedAsync(jobId);
        job.Status.ShouldBe(JobStatus.Failed);
        job.Targets[0].Reason.ShouldBe("the system's link to COM dropped before the command ended");

        await using var again = await ScriptedDevice.LinkAsync(com, id, Password);
        var next = await StartAsync(Commands.Backup, [id]);
        (await again.NextCommandAsync()).Command.ShouldBe(Commands.Backup, "the failed backup must have released the system's lock");
        (await client.Grains.GetGrain<IJobGrain>(next).GetAsync())!.Status.ShouldBe(JobStatus.InProgress);
    }

    [Fact]
    public async Task DeviceThatNeverAnswers_FailsAfterTheSilence()
    {
        var (id, device) = await LinkedAsync("Backup never answered");
        await using var _ = device;
        var jobId = await StartAsync(Commands.Backup, [id]);
        await device.NextCommandAsync();

        var job = await EndedAsync(jobId);
        job.Status.ShouldBe(JobStatus.Failed);
        job.Targets[0].Reason.ShouldBe($"the system said nothing about the command for {ComDeployment.CommandSilence.TotalSeconds:0} s");
    }

    [Fact]
    public async Task SecondBackupOnABusySystem_FailsNamingTheJobThatHoldsIt()
    {
        var (id, device) = await LinkedAsync("Backup collision");
        await using var _ = device;
        var first = await StartAsync(Commands.Backup, [id], name: "First backup");
        var command = await device.NextCommandAsync();

        var second = await EndedAsync(await StartAsync(Commands.Backup, [id], name: "Second backup"));

        second.Status.ShouldBe(JobStatus.Failed);
        second.Targets[0].Reason.ShouldNotBeNull().ShouldContain("a backup started by job 'First backup'");
        second.Targets[0].Reason!.ShouldContain("is still running");
        (await device.UploadAsync(command.Upload!, [7, 7, 7])).ShouldBe(HttpStatusCode.Created);
        await device.ResultAsync(command, ok: true);
        (await EndedAsync(first)).Status.ShouldBe(JobStatus.Completed);
    }

    [Fact]
    public async Task OfflineSystem_FailsAtOnce_SayingSo()
    {
        var id = await com.ProvisionAsync("Backup of an offline system", Password);
        var job = await EndedAsync(await StartAsync(Commands.Backup, [id]));
        job.Status.ShouldBe(JobStatus.Failed);
        job.Targets[0].Reason.ShouldBe("the system is not linked to COM");
    }

    [Fact]
    public async Task Restore_SendsTheChosenBackupDown_Once()
    {
        var (id, device) = await LinkedAsync("Restore of a backup");
        await using var _ = device;
        var backupJob = await StartAsync(Commands.Backup, [id]);
        var backup = await device.NextCommandAsync();
        var content = RandomNumberGenerator.GetBytes(1_500_000);
        (await device.UploadAsync(backup.Upload!, content)).ShouldBe(HttpStatusCode.Created);
        await device.ResultAsync(backup, ok: true);
        (await EndedAsync(backupJob)).Status.ShouldBe(JobStatus.Completed);
        var stored = (await BackupsAsync(id)).ShouldHaveSingleItem();

        var restoreJob = await StartAsync(Commands.Restore, [id], ["configuration"], stored.FileId, "Restore");
        var restore = await device.NextCommandAsync();
        restore.Command.ShouldBe(Commands.Restore);
        restore.Download.ShouldNotBeNull();
        var (status, downloaded) = await device.DownloadAsync(restore.Download!);
        status.ShouldBe(HttpStatusCode.OK);
        Sha256(downloaded).ShouldBe(stored.Sha256);
        (await device.DownloadAsync(restore.Download!)).Status.ShouldBe(HttpStatusCode.Unauthorized, "a token is good for one download");
        await device.ResultAsync(restore, ok: true);
        (await EndedAsync(restoreJob)).Status.ShouldBe(JobStatus.Completed);
    }

    [Fact]
    public async Task Restore_IsRefused_WhenScheduled_OnTwoSystems_OrWithoutABackup()
    {
        var jobs = client.Grains;
        async Task<string> ReasonAsync(JobDefinition definition) =>
            (await Should.ThrowAsync<JobRejectedException>(() => jobs.GetGrain<IJobGrain>(Guid.NewGuid()).CreateAsync(definition))).Reason;

        (await ReasonAsync(new JobDefinition("r", Commands.Restore, ["a"], Admin, DateTimeOffset.UtcNow.AddHours(1), null, Guid.NewGuid()))).ShouldBe("RestoreNotSchedulable");
        (await ReasonAsync(new JobDefinition("r", Commands.Restore, ["a", "b"], Admin, null, null, Guid.NewGuid()))).ShouldBe("RestoreOneSystem");
        (await ReasonAsync(new JobDefinition("r", Commands.Restore, ["a"], Admin, null))).ShouldBe("RestoreNeedsBackup");
        (await ReasonAsync(new JobDefinition("b", Commands.Backup, ["a"], Admin, null, ["call-recordings"]))).ShouldBe("BackupItemsInvalid");
    }
}
