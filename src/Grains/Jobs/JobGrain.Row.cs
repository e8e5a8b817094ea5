using Com.Grains.Interfaces.Jobs;
using Com.Storage.Jobs;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Jobs;

/// <summary>
/// The job's row in the registry (<see cref="JobStore"/>), written after each save of its state. The state is the truth
/// and the row only mirrors it, so a failed row write never fails the job: it is logged with its cause and tried again
/// by a timer, with growing pauses, until a write succeeds; the next save of the state writes it too. Should the silo
/// die before, the job's next activation writes it (a scheduled or running job is woken by its reminder within a
/// minute; a paused or ended one when someone next opens it).
/// </summary>
public sealed partial class JobGrain
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);

    private IGrainTimer? rowRetry;
    private TimeSpan nextRetry = FirstRetry;

    /// <summary>Saves the state, then mirrors it in the job's row.</summary>
    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        await WriteRowAsync();
    }

    /// <summary>Brings the row to the state now: the job's row, or none once the job is deleted. False when it failed.</summary>
    private async Task<bool> WriteRowAsync()
    {
        try
        {
            if (Job.Definition is null)
                await store.DeleteAsync(jobId);
            else
                await store.UpsertAsync(JobRow.Of(View()));
            if (rowRetry is not null)
                LogRowCaughtUp(jobId);
            StopRetrying();
            return true;
        }
        catch (Exception e)
        {
            LogRowFailed(e, jobId, nextRetry);
            RetryLater();
            return false;
        }
    }

    private void RetryLater()
    {
        rowRetry?.Dispose();
        rowRetry = this.RegisterGrainTimer(RetryRowAsync, new GrainTimerCreationOptions(nextRetry, Timeout.InfiniteTimeSpan) { Interleave = false });
        nextRetry = nextRetry * 2 > MaxRetry ? MaxRetry : nextRetry * 2;
        // The activation stays until the row is written; a deleted job deactivates once its row is gone.
        DelayDeactivation(MaxRetry * 2);
    }

    private async Task RetryRowAsync(CancellationToken cancellationToken)
    {
        if (await WriteRowAsync() && Job.Definition is null)
            DeactivateOnIdle();
    }

    private void StopRetrying()
    {
        rowRetry?.Dispose();
        rowRetry = null;
        nextRetry = FirstRetry;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: its row in the job list could not be written; the job goes on, and the row is tried again in {Retry}")]
    private partial void LogRowFailed(Exception exception, Guid jobId, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: its row in the job list caught up")]
    private partial void LogRowCaughtUp(Guid jobId);
}
