using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Jobs;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Jobs;

/// <summary>SPEC JOB-6: a scheduled job outlives every silo, and still runs once, on time. Its own cluster, since it stops it.</summary>
[Trait("Category", "Cluster")]
public sealed class JobRestartTests(JobCluster cluster) : IClassFixture<JobCluster>
{
    [Fact]
    public async Task ScheduledJob_EverySiloRestartedBeforeItsTime_StillRunsOnceOnTime()
    {
        var id = Guid.NewGuid();
        GatedOperation.Of(id).Gate.SetResult();
        var startAt = DateTimeOffset.UtcNow.AddSeconds(12);
        await cluster.Grains.GetGrain<IJobGrain>(id).CreateAsync(
            new JobDefinition("Restart-proof", GatedOperation.OperationName, ["cust-a", "cust-b"], new Actor("admin", Role.Administrator), startAt));

        await cluster.Cluster.StopAllSilosAsync();
        await cluster.Cluster.StartAdditionalSiloAsync(startAdditionalSiloOnNewPort: true);
        await cluster.Cluster.InitializeClientAsync();
        DateTimeOffset.UtcNow.ShouldBeLessThan(startAt, "the restart must be over before the start time for this test to mean anything");

        var job = cluster.Cluster.Client.GetGrain<IJobGrain>(id);
        var ended = (await Eventually.GetAsync(job.GetAsync, v => v!.EndedAt is not null, TimeSpan.FromSeconds(60), "the job to run after the restart"))!;
        ended.Status.ShouldBe(JobStatus.Completed);
        ended.StartedAt!.Value.ShouldBeGreaterThanOrEqualTo(startAt);
        ended.StartedAt.Value.ShouldBeLessThan(startAt.AddSeconds(30), "on time, not at some later sweep");
        GatedOperation.Of(id).Started.Count.ShouldBe(2, "once per customer");
    }
}
