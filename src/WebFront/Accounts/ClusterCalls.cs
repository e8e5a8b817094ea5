using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Logging;

namespace Com.WebFront.Accounts;

/// <summary>
/// The one way account and customer pages meet the cluster: a refusal comes back as its resource key, a cluster that did
/// not answer (a silo failing over, a timeout) as <see cref="TryAgainLater"/> and in the log with its stack trace, and
/// anything else is a bug that must surface, so it is not caught.
/// </summary>
public sealed partial class ClusterCalls(CurrentUser user, ILogger<ClusterCalls> logger)
{
    public const string TryAgainLater = "TryAgainLater";

    /// <summary>Runs <paramref name="change"/> as the signed-in user; the refusal's resource key, or null when done.</summary>
    public async Task<string?> AttemptAsync(Func<Actor, Task> change)
    {
        if (await user.ActorAsync() is not { } actor)
            return "NotAllowed";
        try
        {
            await change(actor);
            return null;
        }
        catch (Exception e) when (ReasonOf(e) is { } reason)
        {
            return reason;
        }
    }

    /// <summary>Reads as the signed-in user; <paramref name="fallback"/> without a session, on a refusal or a failover.</summary>
    public async Task<T> ReadAsync<T>(Func<Actor, Task<T>> read, T fallback)
    {
        if (await user.ActorAsync() is not { } actor)
            return fallback;
        try
        {
            return await read(actor);
        }
        catch (Exception e) when (ReasonOf(e) is not null)
        {
            return fallback;
        }
    }

    /// <summary>The resource key a page shows for <paramref name="e"/>; null for a bug. A failover is logged here.</summary>
    public string? ReasonOf(Exception e)
    {
        switch (e)
        {
            case AccountRejectedException rejected:
                return rejected.Reason;
            case CustomerRejectedException rejected:
                return rejected.Reason;
            case Com.Grains.Interfaces.Jobs.JobRejectedException rejected:
                return rejected.Reason;
            case TimeoutException or OrleansException:
                LogFailover(e);
                return TryAgainLater;
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster did not answer a page's call; the user is asked to try again")]
    private partial void LogFailover(Exception exception);
}
