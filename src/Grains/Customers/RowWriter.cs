using Com.Grains.Interfaces.Customers;
using Com.Storage.Customers;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Customers;

/// <summary>
/// Group commit for directory rows: changes wait here until the next write, which carries every customer that changed
/// since the last one in one transaction; each caller's task completes once its row is durable. A failed write is
/// logged with its cause and retried with growing pauses, and its callers keep waiting (their own timeout makes them
/// send again), so PostgreSQL restarting costs time, never rows.
/// </summary>
/// <remarks>Runs on the directory grain's scheduler, so its fields need no lock.</remarks>
internal sealed partial class RowWriter(CustomerRowStore store, Func<CustomerSummary, CustomerRow> toRow, ILogger logger)
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);
    private Dictionary<string, CustomerSummary> due = [];
    private Dictionary<string, CustomerSummary> inFlight = [];
    private TaskCompletionSource written = NewGeneration();
    private Task writing = Task.CompletedTask;
    private int failures;
    private DateTime nextAttempt = DateTime.MinValue;

    /// <summary>Whether a customer's last row is stored, so an identical row needs no write and can be acknowledged at once.</summary>
    public bool IsSettled(string customerId) => !due.ContainsKey(customerId) && !inFlight.ContainsKey(customerId);

    public Task Enqueue(CustomerSummary summary)
    {
        due[summary.Id] = summary;
        return written.Task;
    }

    public Task WriteDueAsync(CancellationToken cancellationToken)
    {
        if (!writing.IsCompleted || due.Count == 0 || DateTime.UtcNow < nextAttempt)
            return Task.CompletedTask;
        writing = WriteAsync(cancellationToken);
        return writing;
    }

    /// <summary>On the way out: waits for a write under way, then writes what is still due, once.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await writing;
        nextAttempt = DateTime.MinValue;
        await WriteDueAsync(cancellationToken);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var (rows, generation) = (due, written);
        (due, written, inFlight) = ([], NewGeneration(), rows);
        try
        {
            await store.WriteAsync(
                [.. rows.Values.Where(r => !r.Removed).Select(toRow)],
                [.. rows.Values.Where(r => r.Removed).Select(r => r.Id)],
                cancellationToken);
            if (failures > 0)
                LogRecovered(failures);
            failures = 0;
            generation.SetResult();
        }
        catch (Exception e)
        {
            failures++;
            var pause = TimeSpan.FromMilliseconds(Math.Min(MaxPause.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 10))));
            nextAttempt = DateTime.UtcNow + pause;
            LogWriteFailed(e, rows.Count, failures, pause);
            // Rows changed meanwhile are newer than those that failed, and their callers already wait on the newer write.
            foreach (var (id, row) in rows)
                due.TryAdd(id, row);
            _ = written.Task.ContinueWith(t => generation.TrySetResult(), TaskScheduler.Default);
        }
        finally
        {
            inFlight = [];
        }
    }

    private static TaskCompletionSource NewGeneration() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} customer directory rows failed (attempt {Failures}); retrying in {Pause}")]
    private partial void LogWriteFailed(Exception exception, int count, int failures, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer directory rows written again after {Failures} failed attempts")]
    private partial void LogRecovered(int failures);
}
