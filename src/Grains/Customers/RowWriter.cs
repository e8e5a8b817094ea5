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
    private TaskCompletionSource written = NewGeneration();
    private bool writing;
    private int failures;
    private DateTime nextAttempt = DateTime.MinValue;

    public Task Enqueue(CustomerSummary summary)
    {
        due[summary.Id] = summary;
        return written.Task;
    }

    public async Task WriteDueAsync(CancellationToken cancellationToken)
    {
        if (writing || due.Count == 0 || DateTime.UtcNow < nextAttempt)
            return;
        writing = true;
        var (rows, generation) = (due, written);
        (due, written) = ([], NewGeneration());
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
            writing = false;
        }
    }

    private static TaskCompletionSource NewGeneration() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} customer directory rows failed (attempt {Failures}); retrying in {Pause}")]
    private partial void LogWriteFailed(Exception exception, int count, int failures, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer directory rows written again after {Failures} failed attempts")]
    private partial void LogRecovered(int failures);
}
