namespace Com.Grains.Interfaces.Jobs;

/// <summary>
/// A job as the job list and the dashboard see it (table <c>com_jobs</c>): what it is, where it stands and how far its
/// customers got, without the per-customer details, which <see cref="IJobGrain.GetAsync"/> gives.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.JobRow.v1")]
public sealed record JobRow(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Operation,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] string Creator,
    [property: Id(5)] string[] Customers,
    [property: Id(6)] bool IsImmediate,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? StartAt,
    [property: Id(9)] DateTimeOffset? StartedAt,
    [property: Id(10)] DateTimeOffset? EndedAt,
    [property: Id(11)] JobProgress Progress)
{
    /// <summary>The row mirroring a job's view.</summary>
    public static JobRow Of(JobView job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var d = job.Definition;
        return new JobRow(job.Id, d.Name, d.Operation, job.Status, d.Creator.Login, d.Customers, d.IsImmediate, job.CreatedAt, d.StartAt,
            job.StartedAt, job.EndedAt, JobProgress.Of(job.Targets));
    }
}

/// <summary>How many of a job's customers are done, failed (or skipped) and under way, out of all of them.</summary>
[GenerateSerializer, Immutable, Alias("com.JobProgress.v1")]
public sealed record JobProgress(
    [property: Id(0)] int Total,
    [property: Id(1)] int Completed,
    [property: Id(2)] int Failed,
    [property: Id(3)] int InProgress)
{
    public static JobProgress Of(IReadOnlyCollection<JobTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new(targets.Count,
            targets.Count(t => t.Status == TargetStatus.Completed),
            // A customer skipped by a stop did not get its action: counted with the failures, not the successes.
            targets.Count(t => t.Status is TargetStatus.Failed or TargetStatus.Skipped),
            targets.Count(t => t.Status == TargetStatus.InProgress));
    }
}
