using Microsoft.Extensions.Logging;

namespace Com.Overview.Customers;

/// <summary>
/// One page's subscription to the directory copy. Changes that arrive while a redraw waits join it, so a page redraws at
/// most once per interval; a failed redraw is logged rather than lost on a pool thread.
/// </summary>
public sealed partial class ThrottledDirectorySubscription : IDisposable
{
    private readonly CustomerDirectoryFeed feed;
    private readonly Func<DirectoryChange, bool> relevant;
    private readonly Func<Task> redraw;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private int pending;

    internal ThrottledDirectorySubscription(CustomerDirectoryFeed feed, Func<DirectoryChange, bool> relevant, Func<Task> redraw, TimeSpan interval,
        TimeProvider time, ILogger logger)
    {
        (this.feed, this.relevant, this.redraw, this.interval, this.time, this.logger) = (feed, relevant, redraw, interval, time, logger);
        feed.Changed += OnChanged;
    }

    /// <summary>A redraw is waiting for its interval to pass.</summary>
    internal bool Pending => Volatile.Read(ref pending) == 1;

    /// <summary>Asks for a redraw without a change (durations such as "offline since 3 min" age on their own).</summary>
    public void Request()
    {
        if (stopping.IsCancellationRequested || Interlocked.Exchange(ref pending, 1) == 1)
            return;
        _ = RedrawLaterAsync(stopping.Token);
    }

    private void OnChanged(DirectoryChange change)
    {
        if (relevant(change))
            Request();
    }

    private async Task RedrawLaterAsync(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(interval, time, cancellation);
            // Cleared before the redraw reads the copy, so a change during the redraw schedules the next one.
            Interlocked.Exchange(ref pending, 0);
            await redraw();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Interlocked.Exchange(ref pending, 0);
            LogRedrawFailed(logger, e);
        }
    }

    public void Dispose()
    {
        feed.Changed -= OnChanged;
        stopping.Cancel();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page failed to redraw after a directory change")]
    private static partial void LogRedrawFailed(ILogger logger, Exception exception);
}
