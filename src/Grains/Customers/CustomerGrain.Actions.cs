using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Customers;

/// <summary>The system's action lock, which jobs and the automatic backup take in turn (SPEC JOB-5).</summary>
public sealed partial class CustomerGrain
{
    private ActionLock? actionLock;

    private ActionLock Actions => actionLock ??= new ActionLock(() => state.State);

    public async Task<ActionGrant> BeginActionAsync(ActionRequest request)
    {
        var (running, latest) = (state.State.RunningAction, state.State.LatestAction);
        var grant = Actions.Begin(request, actionClock.Now);
        // Refused, or granted again to the job that holds it: nothing changed.
        if (!grant.Granted || ReferenceEquals(grant.Lease, running))
            return grant;
        await SaveOrUndoAsync(running, latest);
        if (grant.Replaced is { } expired)
            LogExpiredLeaseReplaced(Id, expired.Action, expired.JobId, expired.Since, request.JobId);
        return grant;
    }

    public async Task<ActionRelease> EndActionAsync(string jobId, ActionOutcome outcome)
    {
        var (running, latest) = (state.State.RunningAction, state.State.LatestAction);
        var release = Actions.End(jobId, outcome, actionClock.Now);
        if (!release.Released)
        {
            LogEndRefused(Id, jobId, release.Refusal, release.Holder?.JobId);
            return release;
        }
        await SaveOrUndoAsync(running, latest);
        return release;
    }

    public async Task<bool> SendCommandAsync(DeviceCommand command)
    {
        if (!Link.IsLive || state.State.Link is not { } live)
            return false;
        try
        {
            return await live.SendCommandAsync(state.State.LinkId, command);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The link's silo is gone or unreachable: the job records the system as not reached, and the log says why.
            LogCommandUndelivered(e, Id, command.Command, command.CommandId);
            return false;
        }
    }

    /// <summary>A lock not stored is not held: a failed write puts the lease and status back as they were.</summary>
    private async Task SaveOrUndoAsync(ActionLease? running, ActionStatus? latest)
    {
        try
        {
            await SaveAsync();
        }
        catch
        {
            (state.State.RunningAction, state.State.LatestAction) = (running, latest);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: the {Action} of job {ExpiredJobId} started at {Since} outlived its lease without ending; job {JobId} replaces it")]
    private partial void LogExpiredLeaseReplaced(string customerId, CustomerAction action, string expiredJobId, DateTimeOffset since, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: the {Command} command {CommandId} could not be sent through the system's link")]
    private partial void LogCommandUndelivered(Exception exception, string customerId, string command, Guid commandId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId}: job {JobId} ended an action it does not hold ({Refusal}); the holder is job {HolderJobId}")]
    private partial void LogEndRefused(string customerId, string jobId, string? refusal, string? holderJobId);
}
