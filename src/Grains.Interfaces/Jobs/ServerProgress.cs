namespace Com.Grains.Interfaces.Jobs;

/// <summary>One server of a customer system in a job: how far its part went, and why it failed.</summary>
[GenerateSerializer, Immutable, Alias("com.ServerProgress")]
public sealed record ServerProgress(
    [property: Id(0)] string Server,
    [property: Id(1)] int Percent,
    [property: Id(2)] TargetStatus Status = TargetStatus.InProgress,
    [property: Id(3)] string? Reason = null);
