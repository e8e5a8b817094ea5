using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Jobs;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Jobs;

/// <summary>
/// A silo killed while it runs a job: the job is taken up on another silo, the customers that were under way are
/// recorded as failed with the reason, the rest run, and nothing is left in progress. Its own cluster, since it kills a silo.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class JobFailoverTests(JobCluster cluster) : IClassFixture<JobCluster>
{
    [Fact]
    public async Task SiloKilledMidJob_TheJobEndsOnAnotherSilo_WithEveryCustomerCompletedOrFailed()
    {
        await cluster.Cluster.StartAdditionalSiloAsync();
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        var id = Guid.NewGuid();
        var customers = Enumerable.Range(0, 40).Select(i => $"cust-{i:00}").ToArray();
        var runs = GatedOperation.Of(id);
        var job = cluster.Grains.GetGrain<IJobGrain>(id);
        await job.CreateAsync(new JobDefinition("Failover", GatedOperation.OperationName, customers, new Actor("admin", Role.Administrator), null));
        await Eventually.TrueAsync(() => Task.FromResult(runs.Started.Count >= 16), TimeSpan.FromSeconds(30), "the first customers to be under way");

        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        var home = await management.GetActivationAddress(job) ?? throw new InvalidOperationException("the job is not active");
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(home)));
        runs.Gate.SetResult();

        // Any call wakes the job on a live silo, as the jobs page would.
        var ended = await Eventually.GetAsync(async () =>
        {
            try
            {
                return await job.GetAsync();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                return null;
            }
        }, v => v?.EndedAt is not null, TimeSpan.FromSeconds(120), "the job to end on another silo");

        ended!.Targets.ShouldAllBe(t => t.Status == TargetStatus.Completed || t.Status == TargetStatus.Failed);
        ended.Targets.Where(t => t.Status == TargetStatus.Failed).ShouldAllBe(t => t.Reason!.StartsWith("interrupted", StringComparison.Ordinal));
        ended.Targets.Count(t => t.Status == TargetStatus.Completed).ShouldBeGreaterThanOrEqualTo(customers.Length - 16, "the customers not begun must run on the new silo");
        ended.Status.ShouldBeOneOf(JobStatus.PartiallyFailed, JobStatus.Completed);
        (await management.GetActivationAddress(job)).ShouldNotBe(home);
    }
}
