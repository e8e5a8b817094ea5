using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Jobs;
using Com.Storage.Jobs;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Jobs;

/// <summary>SPEC JOB-1: each job mirrors its state in its registry row, which the job list reads.</summary>
[Trait("Category", "Cluster")]
public sealed class JobRowTests(JobCluster cluster) : IClassFixture<JobCluster>
{
    private static readonly Actor Admin = new("admin", Role.Administrator);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private JobStore Store() => new(cluster.Database.CreateDataSource());

    [Fact]
    public async Task ScheduledJob_HasItsRowFromCreation_PauseAndStopChangeItsStatus_AndDeleteRemovesIt()
    {
        var id = Guid.NewGuid();
        var job = cluster.Grains.GetGrain<IJobGrain>(id);
        var startAt = DateTimeOffset.UtcNow.AddHours(3);
        var store = Store();

        await job.CreateAsync(new JobDefinition("  Row check ", GatedOperation.OperationName, ["cust-a", "cust-b", "cust-a"], Admin, startAt));
        var created = (await store.GetAsync(id)).ShouldNotBeNull("the row is written with the state");
        created.Name.ShouldBe("Row check");
        created.Status.ShouldBe(JobStatus.Scheduled);
        created.Creator.ShouldBe("admin");
        created.Customers.ShouldBe(["cust-a", "cust-b"]);
        created.IsImmediate.ShouldBeFalse();
        created.StartAt!.Value.ToUnixTimeMilliseconds().ShouldBe(startAt.ToUnixTimeMilliseconds());
        created.Progress.ShouldBe(new JobProgress(2, 0, 0, 0));

        await job.PauseAsync();
        (await store.GetAsync(id))!.Status.ShouldBe(JobStatus.Paused);
        await job.ResumeAsync();
        (await store.GetAsync(id))!.Status.ShouldBe(JobStatus.Scheduled);
        await job.StopAsync();
        var stopped = (await store.GetAsync(id))!;
        stopped.Status.ShouldBe(JobStatus.Stopped);
        stopped.EndedAt.ShouldNotBeNull();
        stopped.Progress.ShouldBe(new JobProgress(2, 0, 2, 0), "customers skipped by the stop count as not done");

        await job.DeleteAsync();
        (await store.GetAsync(id)).ShouldBeNull();
    }

    [Fact]
    public async Task ImmediateJob_RowFollowsItsProgress_ToItsOutcome()
    {
        var id = Guid.NewGuid();
        var job = cluster.Grains.GetGrain<IJobGrain>(id);
        var store = Store();

        await job.CreateAsync(new JobDefinition("Now", GatedOperation.OperationName, ["cust-1", "fail-2"], Admin, null));
        var running = (await store.GetAsync(id))!;
        running.Status.ShouldBe(JobStatus.InProgress);
        running.IsImmediate.ShouldBeTrue();
        running.StartedAt.ShouldNotBeNull();
        GatedOperation.Of(id).Gate.SetResult();

        var ended = await Eventually.GetAsync(() => store.GetAsync(id), r => r!.EndedAt is not null, Wait, "the row to show the job ended");
        ended!.Status.ShouldBe(JobStatus.PartiallyFailed);
        ended.Progress.ShouldBe(new JobProgress(2, 1, 1, 0));
    }

    [Fact]
    public async Task DeletingAJobThatIsGone_RemovesARowLeftBehind()
    {
        var id = Guid.NewGuid();
        var store = Store();
        // A row whose job's state is gone: its delete failed, and the silo died before trying again.
        await store.UpsertAsync(new JobRow(id, "Ghost", GatedOperation.OperationName, JobStatus.Stopped, "admin", ["cust-a"], false,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1), null, DateTimeOffset.UtcNow, new JobProgress(1, 0, 1, 0)));

        await cluster.Grains.GetGrain<IJobGrain>(id).DeleteAsync();

        (await store.GetAsync(id)).ShouldBeNull();
    }
}
