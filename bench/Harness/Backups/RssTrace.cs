using Com.Harness.Cluster;

namespace Com.Harness.Backups;

/// <summary>A process's resident memory sampled every 200 ms, with the time of each sample, until stopped.</summary>
public sealed class RssTrace : IAsyncDisposable
{
    public readonly record struct Point(DateTime At, long RssBytes);

    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);
    private readonly List<Point> points = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    public RssTrace(int pid) => sampling = SampleAsync(pid);

    /// <summary>The highest sample between two instants; null when none fell between them.</summary>
    public long? Peak(DateTime from, DateTime to)
    {
        lock (points)
            return points.Where(p => p.At >= from && p.At <= to).Select(p => (long?)p.RssBytes).Max();
    }

    private async Task SampleAsync(int pid)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                var sample = ResourceSampler.Of([pid]);
                lock (points)
                    points.Add(new Point(DateTime.UtcNow, sample.RssBytes));
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }
}
