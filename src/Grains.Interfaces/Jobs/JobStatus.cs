namespace Com.Grains.Interfaces.Jobs;

/// <summary>Where a job stands (SPEC JOB-3). Completed, Failed, PartiallyFailed and Stopped are final.</summary>
public enum JobStatus
{
    Scheduled,
    InProgress,
    Paused,
    Stopped,
    Completed,
    Failed,
    PartiallyFailed,
}

/// <summary>Where one customer of a job stands.</summary>
public enum TargetStatus
{
    Waiting,
    InProgress,
    Completed,
    Failed,
    /// <summary>The job was stopped before this customer's turn came.</summary>
    Skipped,
}
