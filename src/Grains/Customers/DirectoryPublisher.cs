using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Customers;

/// <summary>
/// Sends one customer's row to the directory: only the newest row, one call in flight, and again after a failure.
/// A one-way message could expire unseen in an overloaded silo's queue and leave the list wrong until the next change;
/// a confirmed call cannot, and coalescing keeps a burst of changes down to a couple of calls.
/// </summary>
/// <remarks>Runs on the customer grain's own scheduler, so its fields need no lock.</remarks>
internal sealed partial class DirectoryPublisher(Func<ICustomerDirectoryGrain> directory, string customerId, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    // Short enough that a directory back after a failover hears of every change within seconds, not half a minute.
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastSendTimeout = TimeSpan.FromSeconds(3);

    /// <summary>One or two failures are a failover; this many in a row is something an operator should look at.</summary>
    internal const int FailuresBeforeWarning = 3;

    private CustomerSummary? next;

    // The newest row not yet acknowledged, whether waiting, in flight or between retries.
    private CustomerSummary? unacknowledged;
    private bool sending;
    private bool stopped;

    /// <summary>Calls that failed in a row; zero once one succeeds.</summary>
    internal int Failures { get; private set; }

    /// <summary>
    /// A duplicate activation is shut down (during a failover): a row still waiting is dropped, since its state lost to
    /// the activation that stays, and it must not keep sending an older row for minutes.
    /// </summary>
    public void Stop()
    {
        stopped = true;
        next = null;
    }

    /// <summary>
    /// The activation is ending (idle, migrating, its silo stopping): a grain call is possible now and never again from
    /// this activation, so the row not yet acknowledged is sent one last time rather than left to a retry that would fail.
    /// </summary>
    public async Task HandOverAsync()
    {
        var last = unacknowledged;
        Stop();
        if (last is null)
            return;
        try
        {
            await directory().UpsertAsync(last).WaitAsync(LastSendTimeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHandOverFailed(e, customerId);
        }
    }

    public void Publish(CustomerSummary summary)
    {
        if (stopped)
            return;
        next = summary;
        unacknowledged = summary;
        if (sending)
            return;
        sending = true;
        _ = SendAsync();
    }

    /// <summary>Doubles from 1 s to 5 s, so a directory that stays down is not hammered by every customer each second.</summary>
    internal static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(LongestRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(failures - 1, 10)));

    private async Task SendAsync()
    {
        try
        {
            while (!stopped && next is { } summary)
            {
                next = null;
                try
                {
                    await directory().UpsertAsync(summary);
                    if (ReferenceEquals(unacknowledged, summary))
                        unacknowledged = null;
                    if (Failures >= FailuresBeforeWarning)
                        LogRecovered(customerId, Failures);
                    Failures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A newer row may have come meanwhile; it supersedes this one.
                    if (!stopped)
                        next ??= summary;
                    Failures++;
                    var delay = RetryDelay(Failures);
                    if (Failures >= FailuresBeforeWarning)
                        LogFailing(e, customerId, Failures, delay.TotalSeconds);
                    else
                        LogRetrying(e, customerId, delay.TotalSeconds);
                    await Task.Delay(delay, time);
                }
            }
        }
        catch (Exception e)
        {
            // Only a cancelled wait gets here (the silo is stopping); the row is sent again when the grain reactivates.
            LogGaveUp(e, customerId);
        }
        finally
        {
            sending = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Customer {CustomerId} could not update the directory; retrying in {Seconds} s")]
    private partial void LogRetrying(Exception exception, string customerId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId} has failed {Failures} times in a row to update the directory; retrying in {Seconds} s")]
    private partial void LogFailing(Exception exception, string customerId, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId} updated the directory again after {Failures} failures")]
    private partial void LogRecovered(string customerId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId} could not hand its last row to the directory as its activation ended; the list shows it at the next change")]
    private partial void LogHandOverFailed(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId} stopped sending its row to the directory")]
    private partial void LogGaveUp(Exception exception, string customerId);
}
