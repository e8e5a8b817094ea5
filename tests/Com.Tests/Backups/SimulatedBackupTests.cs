using Com.Grains.Backups;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Storage.Files;
using Com.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using System.Security.Cryptography;
using System.Text;
using ProtocolCommands = Com.DeviceProtocol.Commands;

namespace Com.Tests.Backups;

/// <summary>
/// Backups and a restore of simulated systems through the real simulator, one silo and the real file store: the
/// configuration changes between two backups, the diff shows it, and restoring the first makes the system report it.
/// Two systems misbehave as the simulator's fault injection says, and nothing half-written is listed for them.
/// </summary>
[Collection(SharedDeviceGateway.Name)]
[Trait("Category", "Process")]
public sealed class SimulatedBackupTests(ComDeployment com) : IAsyncLifetime
{
    private static readonly Actor Admin = new("admin", Role.Administrator);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const int ConfigurationPeriodSeconds = 2;
    private ExternalClusterClient client = null!;
    private SimulatedFleet fleet = null!;

    public async ValueTask InitializeAsync()
    {
        // Reading a customer's details takes an account that may see it.
        await SignedInSilo.CreateAdminAsync(com.Database.ConnectionString);
        client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString);
        fleet = SimulatedFleet.Start(com, 3, null, "Simulated backup",
            "--config-change-seconds", $"{ConfigurationPeriodSeconds}", "--backup-size", "3M",
            "--backup-fault", "disconnect-midway:1", "--backup-fault", "fail-midway:2");
    }

    public async ValueTask DisposeAsync()
    {
        await fleet.DisposeAsync();
        await client.DisposeAsync();
    }

    private Task<CustomerDetails?> DetailsAsync(string id) =>
        client.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id)).GetDetailsAsync(Admin);

    private async Task<JobView> RunAsync(string operation, string[] customers, Guid? fileId = null)
    {
        var jobId = Guid.NewGuid();
        await client.Grains.GetGrain<IJobGrain>(jobId).CreateAsync(new JobDefinition($"Simulated {operation}", operation, customers, Admin, null, null, fileId));
        return await Eventually.GetAsync(async () => (await client.Grains.GetGrain<IJobGrain>(jobId).GetAsync())!,
            j => j.Status is not (JobStatus.InProgress or JobStatus.Scheduled), Patience, $"the {operation} job to end");
    }

    private Task<BackupEntry[]> BackupsAsync(string id) => client.Grains.GetGrain<IBackupCatalogGrain>(CustomerIds.GrainKey(id)).ListAsync();

    private async Task<string> ConfigurationHashAsync(Guid fileId)
    {
        await using var db = NpgsqlDataSource.Create(com.Database.ConnectionString);
        var store = new PostgresFileStore(db, new FakeTimeProvider(DateTimeOffset.UtcNow), new FileStoreOptions());
        await using var content = await store.OpenReadAsync(fileId);
        var configuration = await BackupArchive.ReadConfigurationAsync(content) ?? throw new InvalidOperationException("no configuration.cfg in the backup");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configuration)));
    }

    private async Task<long> StoredFilesOfAsync(string customerId)
    {
        await using var db = NpgsqlDataSource.Create(com.Database.ConnectionString);
        await using var count = db.CreateCommand("SELECT count(*) FROM com_files WHERE owner = $1");
        count.Parameters.AddWithValue(customerId);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task BackupTwice_DiffShowsTheChange_RestoreOfTheFirstIsReported_AndFaultyDevicesListNothing()
    {
        var ids = await Eventually.GetAsync(() => Task.FromResult(fleet.CustomerIds()), i => i.Count == 3, Patience, "the simulator to provision its fleet");
        foreach (var id in ids)
            await Eventually.GetAsync(() => DetailsAsync(id), d => d?.Summary.Connectivity.Code == ConnectivityCode.Connected && d.Network?.Configuration is not null,
                Patience, $"simulated system {id} to link and report its configuration; simulator: {fleet.Tail}");

        var first = await RunAsync(ProtocolCommands.Backup, [.. ids]);
        var firstEnded = DateTimeOffset.UtcNow;
        first.Status.ShouldBe(JobStatus.PartiallyFailed, string.Join("; ", first.Targets.Select(t => $"{t.CustomerId} {t.Status} {t.Reason}")));
        first.Targets[0].Status.ShouldBe(TargetStatus.Completed);
        first.Targets[1].Status.ShouldBe(TargetStatus.Failed);
        first.Targets[1].Reason.ShouldNotBeNullOrWhiteSpace();
        first.Targets[2].Status.ShouldBe(TargetStatus.Failed);
        first.Targets[2].Reason.ShouldNotBeNullOrWhiteSpace();
        foreach (var faulty in ids.Skip(1))
        {
            (await BackupsAsync(faulty)).ShouldBeEmpty($"{faulty} failed its backup; nothing may be listed");
            (await StoredFilesOfAsync(faulty)).ShouldBe(0, $"{faulty} failed its backup; no file may be stored");
        }
        var older = (await BackupsAsync(ids[0])).ShouldHaveSingleItem();
        older.Length.ShouldBeGreaterThan(3_000_000);
        var olderConfiguration = await ConfigurationHashAsync(older.FileId);

        // The simulator renders its configuration from its clock's current 2-second period. Once that period has turned
        // since the first job ended, one more backup holds another configuration. Backing up until it differs could
        // take a fourth manual backup, which retention answers by dropping the first.
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / ConfigurationPeriodSeconds
            > firstEnded.ToUnixTimeSeconds() / ConfigurationPeriodSeconds), Patience, "the simulated configuration's period to turn");
        var again = await RunAsync(ProtocolCommands.Backup, [ids[0]]);
        again.Status.ShouldBe(JobStatus.Completed, again.Targets[0].Reason);
        var newer = (await BackupsAsync(ids[0]))[0];
        (await ConfigurationHashAsync(newer.FileId)).ShouldNotBe(olderConfiguration, "the second backup was taken in a later configuration period");
        var diff = await client.Grains.GetGrain<IBackupComparisonGrain>(0).CompareAsync(ids[0], older.FileId, newer.FileId);
        diff.Problem.ShouldBeNull();
        (diff.Changed + diff.Added + diff.Removed).ShouldBeGreaterThan(0);

        var restore = await RunAsync(ProtocolCommands.Restore, [ids[0]], older.FileId);
        restore.Status.ShouldBe(JobStatus.Completed, restore.Targets[0].Reason);
        await Eventually.GetAsync(() => DetailsAsync(ids[0]), d => d?.Network?.Configuration == olderConfiguration, Patience,
            "the restored system to link again reporting the first backup's configuration");
    }
}
