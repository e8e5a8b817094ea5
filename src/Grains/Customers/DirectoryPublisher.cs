using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Customers;

/// <summary>
/// Sends one customer's row to the directory: only the newest row, one call in flight, and again after a failure.
/// A one-way message could expire unseen in an overloaded silo's queue and leave the list wrong until the next change;
/// a confirmed call cannot, and coalescing keeps a burst of changes down to a couple of calls. Failures are logged with
/// their cause and retried after growing pauses, so a directory that cannot store rows is not flooded.
/// </summary>
/// <remarks>Runs on the customer grain's own scheduler, so its fields need no lock.</remarks>
internal sealed partial class DirectoryPublisher(Func<ICustomerDirectoryGrain> directory, ILogger logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);
    private CustomerSummary? next;
    private bool sending;

    public void Publish(CustomerSummary summary)
    {
        next = summary;
        if (sending)
            return;
        sending = true;
        SendAsync().Ignore();
    }

    private async Task SendAsync()
    {
        var failures = 0;
        try
        {
            while (next is { } summary)
            {
                next = null;
                try
                {
                    await directory().UpsertAsync(summary);
                    if (failures > 0)
                        LogDelivered(summary.Id, failures);
                    failures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures++;
                    var pause = TimeSpan.FromTicks(Math.Min(MaxPause.Ticks, FirstPause.Ticks << Math.Min(failures - 1, 10)));
                    LogFailed(e, summary.Id, failures, pause);
                    // A newer row may have come meanwhile; it supersedes this one.
                    next ??= summary;
                    await Task.Delay(pause);
                }
            }
        }
        finally
        {
            sending = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The directory row of customer {CustomerId} could not be sent (attempt {Failures}); trying again in {Pause}")]
    private partial void LogFailed(Exception exception, string customerId, int failures, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "The directory row of customer {CustomerId} arrived after {Failures} failed attempts")]
    private partial void LogDelivered(string customerId, int failures);
}
