using Com.Grains.Interfaces.Accounts;

namespace Com.Grains.Interfaces.Jobs;

/// <summary>
/// What a user asks for: an operation (by its name, e.g. "backup") on some customers, now or at an absolute time.
/// <paramref name="StartAt"/> null means immediate: such a job cannot be paused, resumed or stopped (SPEC JOB-3).
/// <paramref name="Items"/> are what the operation works on (a backup's items); <paramref name="FileId"/> the file it
/// uses (the backup a restore applies). <paramref name="Window"/> bounds when a customer's part may begin: the nightly
/// backup's parts do not begin after the night's window closed.
/// </summary>
[GenerateSerializer, Alias("com.JobDefinition")]
public sealed record JobDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Operation,
    [property: Id(2)] string[] Customers,
    [property: Id(3)] Actor Creator,
    [property: Id(4)] DateTimeOffset? StartAt,
    [property: Id(5)] string[]? Items = null,
    [property: Id(6)] Guid? FileId = null,
    [property: Id(7)] JobWindow? Window = null)
{
    public const int MaxNameLength = 100;

    public bool IsImmediate => StartAt is null;
}

/// <summary>
/// The night a job works in: the systems' IANA <paramref name="TimeZone"/>, their local <paramref name="Night"/> (the
/// date the window opens on) and the instant the window closes, after which no customer's part begins.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.JobWindow")]
public sealed record JobWindow(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] DateOnly Night,
    [property: Id(2)] DateTimeOffset Closes);

/// <summary>One customer's part of a job, with the reason of a failure and, while it runs, each server's progress.</summary>
[GenerateSerializer, Alias("com.JobTarget")]
public sealed record JobTarget(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] TargetStatus Status,
    [property: Id(2)] string? Reason = null,
    [property: Id(3)] DateTimeOffset? EndedAt = null,
    [property: Id(4)] ServerProgress[]? Servers = null);

/// <summary>A job as its pages show it.</summary>
[GenerateSerializer, Alias("com.JobView")]
public sealed record JobView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] JobDefinition Definition,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? StartedAt,
    [property: Id(5)] DateTimeOffset? EndedAt,
    [property: Id(6)] JobTarget[] Targets);
