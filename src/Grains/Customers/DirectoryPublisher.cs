using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Customers;

/// <summary>
/// Sends one customer's row to the directory: only the newest row, one call in flight, and again after a failure.
/// A one-way message could expire unseen in an overloaded silo's queue and leave the list wrong until the next change;
/// a confirmed call cannot, and coalescing keeps a burst of changes down to a couple of calls.
/// </summary>
/// <remarks>Runs on the customer grain's own scheduler, so its fields need no lock.</remarks>
internal sealed class DirectoryPublisher(Func<ICustomerDirectoryGrain> directory)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
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
        try
        {
            while (next is { } summary)
            {
                next = null;
                try
                {
                    await directory().UpsertAsync(summary);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A newer row may have come meanwhile; it supersedes this one.
                    next ??= summary;
                    await Task.Delay(RetryDelay);
                }
            }
        }
        finally
        {
            sending = false;
        }
    }
}
