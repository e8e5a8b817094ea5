using Com.Grains.Interfaces.Jobs;

namespace Com.Grains.Jobs;

/// <summary>What may be done to a job in which state (SPEC JOB-3); each rule answers null or the reason it refuses (a resource key).</summary>
public static class JobRules
{
    /// <summary>A customer list longer than this is a mistake, not a job: the fleet target is 10,000 systems.</summary>
    public const int MaxCustomers = 20_000;

    public static string? Problem(JobDefinition definition, DateTimeOffset now, IEnumerable<string> operations)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Trim().Length > JobDefinition.MaxNameLength)
            return "JobNameInvalid";
        if (!operations.Contains(definition.Operation, StringComparer.Ordinal))
            return "JobOperationUnknown";
        if (definition.Customers is not { Length: > 0 and <= MaxCustomers } || definition.Customers.Any(string.IsNullOrWhiteSpace))
            return "JobCustomersInvalid";
        if (definition.StartAt is { } start && start <= now)
            return "JobStartInThePast";
        return null;
    }

    public static string? CanPause(JobDefinition job, JobStatus status) =>
        job.IsImmediate ? "JobImmediateRunsOnly" : status == JobStatus.Scheduled ? null : "JobNotScheduled";

    public static string? CanResume(JobDefinition job, JobStatus status) =>
        job.IsImmediate ? "JobImmediateRunsOnly" : status == JobStatus.Paused ? null : "JobNotPaused";

    public static string? CanStop(JobDefinition job, JobStatus status) =>
        job.IsImmediate ? "JobImmediateRunsOnly"
        : status is JobStatus.Scheduled or JobStatus.Paused or JobStatus.InProgress ? null
        : "JobAlreadyEnded";

    public static string? CanJoin(JobDefinition job, JobStatus status, DateTimeOffset now) =>
        job.Window is not { } window ? "JobHasNoWindow"
        : status is not (JobStatus.Scheduled or JobStatus.Paused or JobStatus.InProgress) ? "JobAlreadyEnded"
        : now >= window.Closes ? "JobWindowClosed"
        : null;

    public static string? CanDelete(JobStatus status) => status == JobStatus.InProgress ? "JobRunning" : null;

    /// <summary>
    /// The final status of a job whose customers have all ended. Skipped customers neither completed nor failed: a job
    /// is failed only by failures.
    /// </summary>
    public static JobStatus Outcome(IEnumerable<JobTarget> targets)
    {
        var ended = targets.ToList();
        var completed = ended.Count(t => t.Status == TargetStatus.Completed);
        var failed = ended.Count(t => t.Status is not (TargetStatus.Completed or TargetStatus.Skipped));
        return failed == 0 ? JobStatus.Completed : completed == 0 ? JobStatus.Failed : JobStatus.PartiallyFailed;
    }
}
