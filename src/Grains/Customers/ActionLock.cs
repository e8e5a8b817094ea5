using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Customers;

/// <summary>
/// The rules of a system's action lock (SPEC JOB-5) over the grain's state: who may begin, who may end, and when a lease
/// has outlived any healthy run. The grain decides when to save; this class only changes the state.
/// </summary>
internal sealed class ActionLock(Func<CustomerState> state)
{
    private CustomerState State => state();

    /// <summary>
    /// How long a lease stands when its job never ends it (the job's silo died with it, say). Well beyond a healthy run,
    /// so a slow job is never overtaken, yet short enough that a dead one frees the system by the next night's backup.
    /// </summary>
    public static TimeSpan LeaseOf(CustomerAction action) => action switch
    {
        // A Server Edition backup or restore of every service of every server, voicemail included (SPEC BKP-2/BKP-3).
        CustomerAction.Backup or CustomerAction.Restore => TimeSpan.FromHours(4),
        // Transfer then upgrade of each server in turn, with their restarts (SPEC UPG-4).
        CustomerAction.Upgrade => TimeSpan.FromHours(8),
        _ => TimeSpan.FromHours(2),
    };

    public ActionGrant Begin(ActionRequest request, DateTimeOffset now)
    {
        if (State.Record is null)
            return ActionGrant.Refused(ActionRefusals.UnknownCustomer);
        if (SystemRefusal(request.Action, State.Network) is { } refusal)
            return ActionGrant.Refused(refusal);
        var running = State.RunningAction;
        if (running is not null && !running.IsExpiredAt(now))
            return running.JobId == request.JobId ? new ActionGrant(running, Profile: Profile) : ActionGrant.Refused(ActionRefusals.ActionRunning, running);

        var lease = new ActionLease(request.Action, request.JobId, request.Origin, request.JobName, now, now + LeaseOf(request.Action));
        State.RunningAction = lease;
        State.LatestAction = new ActionStatus(request.Action, ActionProgress.InProgress, now, request.JobName);
        return new ActionGrant(lease, Replaced: running, Profile: Profile);
    }

    /// <summary>What the system last reported it is: what it can back up depends on it (SPEC BKP-3).</summary>
    private SystemProfile Profile => State.Network?.Profile ?? SystemProfile.Unknown;

    public ActionRelease End(string jobId, ActionOutcome outcome, DateTimeOffset now)
    {
        if (State.RunningAction is not { } running)
            return new ActionRelease(false, ActionRefusals.NothingRunning);
        if (running.JobId != jobId)
            return new ActionRelease(false, ActionRefusals.HeldByAnotherJob, running);
        State.RunningAction = null;
        State.LatestAction = new ActionStatus(running.Action, outcome == ActionOutcome.Completed ? ActionProgress.Completed : ActionProgress.Failed, now, running.JobName);
        return new ActionRelease(true, Holder: running);
    }

    /// <summary>
    /// What the system's last report forbids (SPEC CUST-6, BKP-1). A system never linked has reported nothing yet; the
    /// job finds out when it reaches it.
    /// </summary>
    private static string? SystemRefusal(CustomerAction action, NetworkReport? network)
    {
        if (network is null)
            return null;
        if (MonitorOnly.Applies(network.Profile, network.Version))
            return ActionRefusals.MonitorOnly;
        var needsFlag = action is CustomerAction.Backup or CustomerAction.Restore or CustomerAction.Upgrade;
        return needsFlag && !network.Flags.RemoteUpgradeBackup ? ActionRefusals.NoRemoteUpgradeBackup : null;
    }
}
