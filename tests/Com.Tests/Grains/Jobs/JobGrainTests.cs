using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Jobs;
using Com.Grains.Jobs;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Jobs;

/// <summary>Issue 16 items 1 and JOB-3/JOB-6: a job's life on a real cluster with PostgreSQL reminders.</summary>
[Trait("Category", "Cluster")]
public sealed class JobGrainTests(JobCluster cluster) : IClassFixture<JobCluster>
{
    private static readonly Actor Admin = new("admin", Role.Administrator);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static JobDefinition Job(string[] customers, DateTimeOffset? startAt = null) =>
        new("Nightly check", GatedOperation.OperationName, customers, Admin, startAt);

    private (IJobGrain Grain, Guid Id) NewJob()
    {
        var id = Guid.NewGuid();
        return (cluster.Grains.GetGrain<IJobGrain>(id), id);
    }

    private static async Task<JobView> EndedAsync(IJobGrain job) =>
        (await Eventually.GetAsync(job.GetAsync, v => v!.EndedAt is not null, Wait, "the job to end"))!;

    [Fact]
    public async Task ImmediateJob_RunsEveryCustomer_AtMostSixteenAtATime_AndRecordsEachOutcomeWithItsReason()
    {
        var (job, id) = NewJob();
        string[] customers = [.. Enumerable.Range(0, 40).Select(i => i % 10 == 0 ? $"fail-{i}" : $"cust-{i}")];

        var created = await job.CreateAsync(Job(customers));

        created.Status.ShouldBe(JobStatus.InProgress);
        var runs = GatedOperation.Of(id);
        await Eventually.TrueAsync(() => Task.FromResult(runs.Started.Count == JobGrain.Parallel), Wait, "the first sixteen customers begun");
        (await job.GetAsync())!.Targets.Count(t => t.Status == TargetStatus.InProgress).ShouldBe(JobGrain.Parallel);
        runs.Gate.SetResult();

        var ended = await EndedAsync(job);
        runs.MostAtOnce.ShouldBe(JobGrain.Parallel, "never more customers at once than the bound");
        runs.Started.Count.ShouldBe(40, "each customer once");
        ended.Status.ShouldBe(JobStatus.PartiallyFailed);
        ended.Targets.Where(t => t.CustomerId.StartsWith("fail", StringComparison.Ordinal))
            .ShouldAllBe(t => t.Status == TargetStatus.Failed && t.Reason == $"the system {t.CustomerId} refused");
        ended.Targets.Count(t => t.Status == TargetStatus.Completed).ShouldBe(36);
    }

    [Fact]
    public async Task ImmediateJob_CannotBePausedResumedStoppedOrDeletedWhileRunning()
    {
        var (job, id) = NewJob();
        await job.CreateAsync(Job(["cust-a"]));

        (await Should.ThrowAsync<JobRejectedException>(job.PauseAsync)).Reason.ShouldBe("JobImmediateRunsOnly");
        (await Should.ThrowAsync<JobRejectedException>(job.ResumeAsync)).Reason.ShouldBe("JobImmediateRunsOnly");
        (await Should.ThrowAsync<JobRejectedException>(job.StopAsync)).Reason.ShouldBe("JobImmediateRunsOnly");
        (await Should.ThrowAsync<JobRejectedException>(job.DeleteAsync)).Reason.ShouldBe("JobRunning");
        (await job.GetAsync())!.Status.ShouldBe(JobStatus.InProgress, "refused changes change nothing");

        GatedOperation.Of(id).Gate.SetResult();
        (await EndedAsync(job)).Status.ShouldBe(JobStatus.Completed);
        await job.DeleteAsync();
        (await job.GetAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task ScheduledJob_WaitsForItsTime_ThenRunsOnce()
    {
        var (job, id) = NewJob();
        GatedOperation.Of(id).Gate.SetResult();
        var startAt = DateTimeOffset.UtcNow.AddSeconds(4);

        (await job.CreateAsync(Job(["cust-a", "cust-b"], startAt))).Status.ShouldBe(JobStatus.Scheduled);
        GatedOperation.Of(id).Started.ShouldBeEmpty("nothing runs before the start time");

        var ended = await EndedAsync(job);
        ended.Status.ShouldBe(JobStatus.Completed);
        ended.StartedAt!.Value.ShouldBeGreaterThanOrEqualTo(startAt);
        GatedOperation.Of(id).Started.Count.ShouldBe(2, "the reminder keeps ticking while a job runs, yet each customer runs once");
    }

    [Fact]
    public async Task ScheduledJob_PausedResumedStopped_FollowsTheRules_AndStoppedIsFinal()
    {
        var (job, _) = NewJob();
        await job.CreateAsync(Job(["cust-a"], DateTimeOffset.UtcNow.AddHours(1)));

        (await Should.ThrowAsync<JobRejectedException>(job.ResumeAsync)).Reason.ShouldBe("JobNotPaused");
        (await job.PauseAsync()).Status.ShouldBe(JobStatus.Paused);
        (await Should.ThrowAsync<JobRejectedException>(job.PauseAsync)).Reason.ShouldBe("JobNotScheduled");
        (await job.ResumeAsync()).Status.ShouldBe(JobStatus.Scheduled);
        var stopped = await job.StopAsync();

        stopped.Status.ShouldBe(JobStatus.Stopped);
        stopped.Targets.ShouldAllBe(t => t.Status == TargetStatus.Skipped);
        (await Should.ThrowAsync<JobRejectedException>(job.ResumeAsync)).Reason.ShouldBe("JobNotPaused");
        (await Should.ThrowAsync<JobRejectedException>(job.StopAsync)).Reason.ShouldBe("JobAlreadyEnded");
        await job.DeleteAsync();
        (await job.GetAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task RunningScheduledJob_Stopped_FinishesTheCustomersUnderWay_AndSkipsTheRest()
    {
        var (job, id) = NewJob();
        var runs = GatedOperation.Of(id);
        await job.CreateAsync(Job([.. Enumerable.Range(0, 20).Select(i => $"cust-{i}")], DateTimeOffset.UtcNow.AddSeconds(2)));
        await Eventually.TrueAsync(() => Task.FromResult(runs.Started.Count == JobGrain.Parallel), Wait, "the job started");

        (await job.StopAsync()).Status.ShouldBe(JobStatus.Stopped);
        runs.Gate.SetResult();

        var ended = await EndedAsync(job);
        ended.Status.ShouldBe(JobStatus.Stopped);
        ended.Targets.Count(t => t.Status == TargetStatus.Completed).ShouldBe(JobGrain.Parallel);
        ended.Targets.Count(t => t.Status == TargetStatus.Skipped).ShouldBe(4);
        runs.Started.Count.ShouldBe(JobGrain.Parallel);
    }

    [Fact]
    public async Task SkippedCustomers_ShowTheirReason_AndDoNotFailTheJob()
    {
        var (job, id) = NewJob();
        GatedOperation.Of(id).Gate.SetResult();

        await job.CreateAsync(Job(["cust-1", "skip-2", "cust-3"]));

        var ended = await EndedAsync(job);
        ended.Status.ShouldBe(JobStatus.Completed, "a skip is not a failure");
        ended.Targets.Single(t => t.CustomerId == "skip-2").ShouldSatisfyAllConditions(
            t => t.Status.ShouldBe(TargetStatus.Skipped),
            t => t.Reason.ShouldBe("the system skip-2 was busy"));
    }

    [Fact]
    public async Task WindowedJob_BeginsNoCustomerAfterItsWindowClosed_AndSaysWhy()
    {
        var (job, id) = NewJob();
        var runs = GatedOperation.Of(id);
        var closes = DateTimeOffset.UtcNow.AddSeconds(3);
        string[] customers = [.. Enumerable.Range(0, 20).Select(i => $"cust-{i}")];
        await job.CreateAsync(Job(customers) with { Window = new JobWindow("UTC", DateOnly.FromDateTime(DateTime.UtcNow), closes) });
        await Eventually.TrueAsync(() => Task.FromResult(runs.Started.Count == JobGrain.Parallel), Wait, "the first sixteen customers begun");

        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > closes.AddSeconds(1)), Wait, "the window to close");
        runs.Gate.SetResult();

        var ended = await EndedAsync(job);
        runs.Started.Count.ShouldBe(JobGrain.Parallel, "customers still waiting when the window closed never begin");
        var skipped = ended.Targets.Where(t => t.Status == TargetStatus.Skipped).ToList();
        skipped.Count.ShouldBe(4);
        skipped.ShouldAllBe(t => t.Reason!.StartsWith("the window closed at ", StringComparison.Ordinal));
        ended.Status.ShouldBe(JobStatus.Completed);
    }

    [Fact]
    public async Task NightlyJob_TakesLateCustomers_OnceEach_UntilItEnds_AndAnOrdinaryJobTakesNone()
    {
        var (job, id) = NewJob();
        var window = new JobWindow("UTC", DateOnly.FromDateTime(DateTime.UtcNow), DateTimeOffset.UtcNow.AddMinutes(10));
        await job.CreateAsync(Job(["cust-a"], DateTimeOffset.UtcNow.AddMinutes(5)) with { Window = window });

        (await job.JoinAsync(["cust-a", "cust-b", "cust-b", " "])).ShouldBe(1, "only cust-b is new");
        (await job.GetAsync())!.Targets.Select(t => t.CustomerId).ShouldBe(["cust-a", "cust-b"]);
        (await job.StopAsync()).Status.ShouldBe(JobStatus.Stopped);
        (await Should.ThrowAsync<JobRejectedException>(() => job.JoinAsync(["cust-c"]))).Reason.ShouldBe("JobAlreadyEnded");

        var (ordinary, _) = NewJob();
        await ordinary.CreateAsync(Job(["cust-a"], DateTimeOffset.UtcNow.AddMinutes(5)));
        (await Should.ThrowAsync<JobRejectedException>(() => ordinary.JoinAsync(["cust-b"]))).Reason.ShouldBe("JobHasNoWindow");
        GatedOperation.Of(id).Started.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunningNightlyJob_RunsACustomerThatJoinedWhileItRan()
    {
        var (job, id) = NewJob();
        var runs = GatedOperation.Of(id);
        var window = new JobWindow("UTC", DateOnly.FromDateTime(DateTime.UtcNow), DateTimeOffset.UtcNow.AddMinutes(10));
        await job.CreateAsync(Job(["cust-a"]) with { Window = window });
        await Eventually.TrueAsync(() => Task.FromResult(runs.Started.Count == 1), Wait, "the first customer begun");

        await job.JoinAsync(["cust-late"]);
        runs.Gate.SetResult();

        var ended = await EndedAsync(job);
        ended.Targets.ShouldAllBe(t => t.Status == TargetStatus.Completed);
        runs.Started.ShouldBe(["cust-a", "cust-late"]);
    }

    [Theory]
    [InlineData("", "JobNameInvalid")]
    [InlineData("no such operation", "JobOperationUnknown")]
    [InlineData("no customers", "JobCustomersInvalid")]
    [InlineData("in the past", "JobStartInThePast")]
    public async Task BadJob_IsRefusedWithItsReason_AndNothingIsCreated(string what, string reason)
    {
        var (job, _) = NewJob();
        var definition = what switch
        {
            "" => Job(["cust-a"]) with { Name = "  " },
            "no such operation" => Job(["cust-a"]) with { Operation = "format-disk" },
            "no customers" => Job([]),
            _ => Job(["cust-a"], DateTimeOffset.UtcNow.AddMinutes(-1)),
        };

        (await Should.ThrowAsync<JobRejectedException>(() => job.CreateAsync(definition))).Reason.ShouldBe(reason);
        (await job.GetAsync()).ShouldBeNull();
    }
}
