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

    Task<OperationOutcome> RunAsync(Guid jobId, string customerId, CancellationToken cancellationToken);
}

/// <summary>How an operation ended on one customer.</summary>
public sealed record OperationOutcome(bool Succeeded, string? Reason = null)
{
    public static OperationOutcome Success { get; } = new(true);

    public static OperationOutcome Failure(string reason) => new(false, reason);
}
