namespace Com.Grains.Interfaces.Customers;

/// <summary>Where a system's latest backup, restore or upgrade stands; the list's status icon shows it (SPEC CUST-1).</summary>
[GenerateSerializer, Alias("com.ActionProgress")]
public enum ActionProgress
{
    InProgress = 0,
    Completed = 1,
    Failed = 2,
}

/// <summary>
/// The system's latest action and where it stands, since <paramref name="At"/> (its start, or its end once ended);
/// <paramref name="JobName"/> names the job that ran it, when it had one (the list's tooltip shows it).
/// </summary>
[GenerateSerializer, Immutable, Alias("com.ActionStatus.v1")]
public sealed record ActionStatus(
    [property: Id(0)] CustomerAction Action,
    [property: Id(1)] ActionProgress Progress,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? JobName = null);
