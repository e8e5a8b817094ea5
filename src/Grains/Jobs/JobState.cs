using Com.Grains.Interfaces.Jobs;

namespace Com.Grains.Jobs;

/// <summary>A job's persisted state; absent until the job is created, cleared when it is deleted.</summary>
[GenerateSerializer, Alias("com.JobState")]
public sealed class JobState
{
    [Id(0)] public JobDefinition? Definition { get; set; }
    [Id(1)] public JobStatus Status { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset? StartedAt { get; set; }
    [Id(4)] public DateTimeOffset? EndedAt { get; set; }
    [Id(5)] public Dictionary<string, JobTarget> Targets { get; set; } = [];
}
