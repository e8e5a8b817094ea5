using Com.Grains.Customers;
using Com.Grains.Interfaces.Customers;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Customers;

/// <summary>The cluster for action lock tests: leases start and expire by a clock the tests move.</summary>
public sealed class ActionsCluster : PostgresCluster
{
    protected override short Silos => 2;

    protected override bool ControlsActionClock => true;
}

/// <summary>SPEC JOB-5: a system runs one backup, restore or upgrade at a time, automatic backups included.</summary>
[Trait("Category", "Cluster")]
public sealed class ActionLockTests(ActionsCluster cluster) : IClassFixture<ActionsCluster>
{
    private const string Password = "Pbx-Secret-4";
    private static readonly RemoteOperationFlags Everything = new(true, true, true, true, true, true, true);
    private static readonly ActionRequest NightlyRestore = new(CustomerAction.Restore, "job-nightly", ActionOrigin.Job, "Nightly");
    private static readonly ActionRequest ManualBackup = new(CustomerAction.Backup, "job-manual", ActionOrigin.Job, "Before the move");
    private static readonly ActionRequest AutomaticBackup = new(CustomerAction.Backup, "auto-backup", ActionOrigin.AutomaticBackup);

    // Held by the test so the object reference the grain keeps stays valid.
    private readonly AlwaysOpenLink link = new();

    private ICustomerActionsGrain ActionsOf(string id) => cluster.Grains.GetGrain<ICustomerActionsGrain>(CustomerIds.GrainKey(id));

    private ICustomerAdministrationGrain AdminOf(string id) => cluster.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id));

    private static DateTimeOffset Now => PostgresCluster.ActionTime.GetUtcNow();

    /// <summary>A customer whose system linked and reported <paramref name="profile"/> and <paramref name="flags"/>.</summary>
    private async Task<string> LinkedAsync(SystemProfile profile = SystemProfile.ServerEdition, RemoteOperationFlags? flags = null)
    {
        var id = CustomerIds.Generate();
        await AdminOf(id).ProvisionAsync(new NewCustomer(new CustomerRecord(id, $"Action test {id}", "COMAdmin", null, null, null, null), Password));
        var network = new NetworkReport("PBX", profile, "12.1.0.0",
            [new ServerInfo("primary", ServerRole.Primary, "10.0.0.1", profile, "12.1.0.0", true)], flags ?? Everything, []);
        var reference = cluster.Cluster.Client.CreateObjectReference<IDeviceLink>(link);
        var verdict = await cluster.Grains.GetGrain<ICustomerLinkGrain>(CustomerIds.GrainKey(id))
            .ConnectAsync(new LinkHello(Guid.NewGuid(), "COMAdmin", Password, ServerRole.Primary, network, ServiceAccountReport.Healthy), reference);
        verdict.Accepted.ShouldBeTrue(verdict.RefusalReason);
        return id;
    }

    [Fact]
    public async Task ASecondBegin_OnABusySystem_IsRefusedNamingTheActionItsJobAndSinceWhen()
    {
        var id = await LinkedAsync();
        var started = Now;
        (await ActionsOf(id).BeginActionAsync(NightlyRestore)).Granted.ShouldBeTrue();

        var refused = await ActionsOf(id).BeginActionAsync(ManualBackup);

        refused.Granted.ShouldBeFalse("a restore is running");
        refused.Refusal.ShouldBe(ActionRefusals.ActionRunning);
        var running = refused.Running.ShouldNotBeNull("the refusal names what runs");
        (running.Action, running.JobId, running.Since).ShouldBe((CustomerAction.Restore, "job-nightly", started));
        refused.Describe().ShouldBe($"a restore started by job 'Nightly' at {started.UtcDateTime:yyyy-MM-dd HH:mm} UTC is still running");
    }

    [Fact]
    public async Task TheAutomaticBackup_CollidesWithAJob_AndAJobWithIt()
    {
        var busy = await LinkedAsync();
        await ActionsOf(busy).BeginActionAsync(NightlyRestore);
        var skipped = await ActionsOf(busy).BeginActionAsync(AutomaticBackup);
        skipped.Granted.ShouldBeFalse("the automatic backup is skipped while a job runs (SPEC BKP-3)");
        skipped.Running.ShouldNotBeNull().JobId.ShouldBe("job-nightly");

        var backingUp = await LinkedAsync();
        (await ActionsOf(backingUp).BeginActionAsync(AutomaticBackup)).Granted.ShouldBeTrue();
        var refused = await ActionsOf(backingUp).BeginActionAsync(ManualBackup);
        refused.Granted.ShouldBeFalse("a job waits for the automatic backup");
        refused.Describe().ShouldStartWith("an automatic backup started at");
    }

    [Fact]
    public async Task EndedByTheHolder_TheSystemIsFreeForTheNextJob()
    {
        var id = await LinkedAsync();
        var lease = (await ActionsOf(id).BeginActionAsync(NightlyRestore)).Lease.ShouldNotBeNull();

        var release = await ActionsOf(id).EndActionAsync("job-nightly", ActionOutcome.Completed);

        release.Released.ShouldBeTrue(release.Describe());
        release.Holder.ShouldBe(lease);
        (await ActionsOf(id).BeginActionAsync(ManualBackup)).Granted.ShouldBeTrue("the restore ended");
    }

    [Fact]
    public async Task EndedByAnotherJob_OrWhenNothingRuns_NothingChanges_AndTheAnswerSaysSo()
    {
        var id = await LinkedAsync();
        (await ActionsOf(id).EndActionAsync("job-nightly", ActionOutcome.Completed)).Refusal.ShouldBe(ActionRefusals.NothingRunning);
        await ActionsOf(id).BeginActionAsync(NightlyRestore);

        var foreign = await ActionsOf(id).EndActionAsync("job-manual", ActionOutcome.Failed);

        foreign.Released.ShouldBeFalse("only the holder ends a lease");
        foreign.Refusal.ShouldBe(ActionRefusals.HeldByAnotherJob);
        foreign.Holder.ShouldNotBeNull().JobId.ShouldBe("job-nightly");
        (await ActionsOf(id).BeginActionAsync(ManualBackup)).Running.ShouldNotBeNull("the restore still holds the system").JobId.ShouldBe("job-nightly");
        (await AdminOf(id).GetSummaryAsync()).ShouldNotBeNull().LatestAction.ShouldNotBeNull().Progress.ShouldBe(ActionProgress.InProgress);
    }

    [Fact]
    public async Task TheHoldingJob_AskingAgain_GetsItsOwnLeaseBack()
    {
        var id = await LinkedAsync();
        var first = (await ActionsOf(id).BeginActionAsync(NightlyRestore)).Lease;

        var again = await ActionsOf(id).BeginActionAsync(NightlyRestore);

        again.Lease.ShouldBe(first, "a job whose answer was lost asks again and must not lock itself out");
    }

    [Fact]
    public async Task TheLock_SurvivesTheCustomerGrainsDeactivation()
    {
        var id = await LinkedAsync();
        var lease = (await ActionsOf(id).BeginActionAsync(NightlyRestore)).Lease;

        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Eventually.TrueAsync(async () => await management.GetActivationAddress(ActionsOf(id)) is null, TimeSpan.FromSeconds(30),
            "the customer grain to be deactivated");

        (await ActionsOf(id).BeginActionAsync(ManualBackup)).Running.ShouldBe(lease, "the lease is stored with the customer");
    }

    [Fact]
    public async Task ALeaseItsJobNeverEnded_ExpiresAfterItsBound_AndIsReplacedSayingSo()
    {
        var id = await LinkedAsync();
        var dead = (await ActionsOf(id).BeginActionAsync(ManualBackup)).Lease.ShouldNotBeNull();

        PostgresCluster.ActionTime.Advance(ActionLock.LeaseOf(CustomerAction.Backup) - TimeSpan.FromMinutes(1));
        (await ActionsOf(id).BeginActionAsync(NightlyRestore)).Granted.ShouldBeFalse("a slow backup is not overtaken before its bound");
        PostgresCluster.ActionTime.Advance(TimeSpan.FromMinutes(1));
        var grant = await ActionsOf(id).BeginActionAsync(NightlyRestore);

        grant.Granted.ShouldBeTrue("the backup's lease has expired");
        grant.Replaced.ShouldBe(dead);
        grant.Lease.ShouldNotBeNull().ExpiresAt.ShouldBe(Now + ActionLock.LeaseOf(CustomerAction.Restore));
        (await ActionsOf(id).EndActionAsync("job-manual", ActionOutcome.Completed)).Released.ShouldBeFalse("the dead job's lease was replaced");
    }

    [Fact]
    public async Task AMonitorOnlySystem_OrOneWithoutTheBackupFlag_IsRefusedWithThatReason_WhileANeverLinkedOneIsNot()
    {
        var legacy = await LinkedAsync(SystemProfile.Legacy);
        var noFlag = await LinkedAsync(flags: Everything with { RemoteUpgradeBackup = false });
        var neverLinked = CustomerIds.Generate();
        await AdminOf(neverLinked).ProvisionAsync(new NewCustomer(new CustomerRecord(neverLinked, $"Action test {neverLinked}", "COMAdmin", null, null, null, null), Password));

        (await ActionsOf(legacy).BeginActionAsync(AutomaticBackup)).Refusal.ShouldBe(ActionRefusals.MonitorOnly);
        (await ActionsOf(noFlag).BeginActionAsync(NightlyRestore)).Refusal.ShouldBe(ActionRefusals.NoRemoteUpgradeBackup);
        (await ActionsOf(neverLinked).BeginActionAsync(NightlyRestore)).Granted.ShouldBeTrue("nothing is known yet against it");
        (await ActionsOf(CustomerIds.Generate()).BeginActionAsync(NightlyRestore)).Refusal.ShouldBe(ActionRefusals.UnknownCustomer);
    }

    [Fact]
    public async Task TheSummary_ShowsTheLatestAction_InProgressThenFailed_InTheDirectoryToo()
    {
        var id = await LinkedAsync();
        await ActionsOf(id).BeginActionAsync(ManualBackup);
        (await AdminOf(id).GetSummaryAsync()).ShouldNotBeNull().LatestAction.ShouldBe(new ActionStatus(CustomerAction.Backup, ActionProgress.InProgress, Now, "Before the move"));

        await ActionsOf(id).EndActionAsync("job-manual", ActionOutcome.Failed);

        var expected = new ActionStatus(CustomerAction.Backup, ActionProgress.Failed, Now, "Before the move");
        (await AdminOf(id).GetSummaryAsync()).ShouldNotBeNull().LatestAction.ShouldBe(expected);
        var directory = cluster.Grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key);
        await Eventually.TrueAsync(async () => (await directory.GetAsync(id))?.LatestAction == expected, TimeSpan.FromSeconds(10),
            "the directory's row to show the failed backup");
    }
}
