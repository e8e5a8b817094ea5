using Com.Grains.Interfaces.Jobs;

namespace Com.Grains.Jobs;

/// <summary>
/// What a job does to one customer (a backup, a restore, an upgrade …), registered in the silo's services under its
/// <see cref="Name"/>. The job engine decides when and how many at a time; the operation does the work and says how it
/// ended. A failure the operation understands is an outcome with its reason; an exception is a fault and is recorded
/// as a failure naming it.
/// </summary>
public interface IJobOperation
{
    /// <summary>The name jobs refer to, e.g. "backup".</summary>
    string Name { get; }

    /// <summary>Why this operation refuses a job's definition (a resource key), or null; checked when the job is created.</summary>
    string? Problem(JobDefinition definition) => null;

    Task<OperationOutcome> RunAsync(JobRun job, string customerId, CancellationToken cancellationToken);
}

/// <summary>The job an operation works for; <see cref="ReportServers"/> shows each server's progress in the job's details.</summary>
public sealed record JobRun(Guid Id, JobDefinition Definition, Action<string, ServerProgress[]> ReportServers);

/// <summary>
/// How an operation ended on one customer, with each server's part when the operation knows it. A skipped part did not
/// run and did not fail: the nightly backup of a system busy with another action, say.
/// </summary>
public sealed record OperationOutcome(bool Succeeded, string? Reason = null, ServerProgress[]? Servers = null, bool Skipped = false)
{
    public static OperationOutcome Success { get; } = new(true);

    public static OperationOutcome Failure(string reason) => new(false, reason);

    public static OperationOutcome Skip(string reason) => new(false, reason, Skipped: true);

    public TargetStatus Status => Succeeded ? TargetStatus.Completed : Skipped ? TargetStatus.Skipped : TargetStatus.Failed;
}
