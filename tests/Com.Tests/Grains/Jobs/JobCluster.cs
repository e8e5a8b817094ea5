using System.Collections.Concurrent;
using Com.Grains.Jobs;
using Com.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Com.Tests.Grains.Jobs;

/// <summary>A one-silo cluster on PostgreSQL whose jobs can run <see cref="GatedOperation"/>, an operation the test drives.</summary>
public sealed class JobCluster : PostgresCluster
{
    protected override short Silos => 1;

    protected override void Configure(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<WithGatedOperation>();

    private sealed class WithGatedOperation : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddSingleton<IJobOperation, GatedOperation>();
    }
}

/// <summary>
/// The test's operation: each run waits until the test opens the gate of its job, records how many ran at once, and
/// fails customers whose id starts with "fail" with a reason and skips those whose id starts with "skip". The silo runs in this process, so the state is shared.
/// </summary>
public sealed class GatedOperation : IJobOperation
{
    public const string OperationName = "gated-test";

    private static readonly ConcurrentDictionary<Guid, JobRuns> Jobs = new();

    public string Name => OperationName;

    public static JobRuns Of(Guid jobId) => Jobs.GetOrAdd(jobId, _ => new JobRuns());

    public async Task<OperationOutcome> RunAsync(JobRun job, string customerId, CancellationToken cancellationToken)
    {
        var runs = Of(job.Id);
        runs.Began(customerId);
        try
        {
            await runs.Gate.Task;
            return customerId.StartsWith("fail", StringComparison.Ordinal) ? OperationOutcome.Failure($"the system {customerId} refused")
                : customerId.StartsWith("skip", StringComparison.Ordinal) ? OperationOutcome.Skip($"the system {customerId} was busy")
                : OperationOutcome.Success;
        }
        finally
        {
            runs.Ended();
        }
    }

    /// <summary>One job's runs as the operation saw them.</summary>
    public sealed class JobRuns
    {
        private readonly Lock gate = new();
        private int running;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Started { get; } = new();

        public int MostAtOnce { get; private set; }

        public void Began(string customerId)
        {
            Started.Enqueue(customerId);
            lock (gate)
                MostAtOnce = Math.Max(MostAtOnce, ++running);
        }

        public void Ended()
        {
            lock (gate)
                running--;
        }
    }
}
