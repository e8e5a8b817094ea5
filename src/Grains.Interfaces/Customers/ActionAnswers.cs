namespace Com.Grains.Interfaces.Customers;

/// <summary>Why a system's action lock was not granted or not released; stable codes callers may turn into text.</summary>
public static class ActionRefusals
{
    /// <summary>Another job holds the lock; <see cref="ActionGrant.Running"/> names it.</summary>
    public const string ActionRunning = "ActionRunning";

    /// <summary>COM only monitors this system (<see cref="MonitorOnly"/>).</summary>
    public const string MonitorOnly = "MonitorOnly";

    /// <summary>The system reported its remote upgrade/backup flag off (SPEC BKP-1, CUST-6).</summary>
    public const string NoRemoteUpgradeBackup = "NoRemoteUpgradeBackup";

    public const string UnknownCustomer = "UnknownCustomer";

    /// <summary>Nothing is running on the system: there was nothing to end.</summary>
    public const string NothingRunning = "NothingRunning";

    /// <summary>Another job holds the lock; only it may end it.</summary>
    public const string HeldByAnotherJob = "HeldByAnotherJob";
}

/// <summary>
/// The answer to <see cref="ICustomerActionsGrain.BeginActionAsync"/>: the lease granted, or a refusal naming the action
/// in the way. A record rather than an exception, since a busy system is an everyday answer that job details show.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.ActionGrant.v1")]
public sealed record ActionGrant(
    [property: Id(0)] ActionLease? Lease,
    [property: Id(1)] string? Refusal = null,
    [property: Id(2)] ActionLease? Running = null,
    [property: Id(3)] ActionLease? Replaced = null,
    [property: Id(4)] SystemProfile Profile = SystemProfile.Unknown)
{
    public bool Granted => Lease is not null;

    public static ActionGrant Refused(string refusal, ActionLease? running = null) => new(null, refusal, running);

    /// <summary>For logs and job details: "a restore started by job 'Nightly' at 2026-12-02 02:13 UTC is still running".</summary>
    public string Describe() => (Lease, Refusal, Running, Replaced) switch
    {
        (not null, _, _, { } expired) => $"granted; {expired.Describe()} had outlived its lease and was replaced",
        (not null, _, _, _) => "granted",
        (_, ActionRefusals.ActionRunning, { } running, _) => $"{running.Describe()} is still running",
        (_, ActionRefusals.MonitorOnly, _, _) => "COM only monitors this system",
        (_, ActionRefusals.NoRemoteUpgradeBackup, _, _) => "the system's remote upgrade/backup flag is off",
        (_, ActionRefusals.UnknownCustomer, _, _) => "no such customer",
        _ => Refusal ?? "refused",
    };
}

/// <summary>How a job's action on a system ended.</summary>
[GenerateSerializer, Alias("com.ActionOutcome")]
public enum ActionOutcome
{
    Completed = 0,
    Failed = 1,
}

/// <summary>
/// The answer to <see cref="ICustomerActionsGrain.EndActionAsync"/>: released, or nothing changed because nothing was
/// running or another job holds the lock (<see cref="Holder"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("com.ActionRelease.v1")]
public sealed record ActionRelease(
    [property: Id(0)] bool Released,
    [property: Id(1)] string? Refusal = null,
    [property: Id(2)] ActionLease? Holder = null)
{
    public string Describe() => (Released, Refusal, Holder) switch
    {
        (true, _, _) => "released",
        (_, ActionRefusals.HeldByAnotherJob, { } holder) => $"nothing changed: {holder.Describe()} holds the system",
        (_, ActionRefusals.NothingRunning, _) => "nothing changed: no action was running",
        _ => $"nothing changed: {Refusal}",
    };
}
