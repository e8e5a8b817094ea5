using System.Text.Json;

namespace Com.Harness.Cluster;

/// <summary>
/// Follows the simulator's fleet file while it provisions: the simulator rewrites it after every hundredth customer COM
/// created, so each new version gives a (time, customers created) point. The time is the file's own write time, not
/// when the poll noticed it, so the polling interval does not blur the rate.
/// </summary>
public sealed class FleetFileWatch : IAsyncDisposable
{
    public sealed record Point(DateTime At, int Created);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);
    private readonly string path;
    private readonly List<Point> points = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task polling;
    private DateTime seen = DateTime.MinValue;

    public FleetFileWatch(string path, DateTime started)
    {
        this.path = path;
        points.Add(new Point(started, 0));
        polling = PollAsync();
    }

    /// <summary>Stops following and returns the points, one per distinct count, earliest first; the last one read once more.</summary>
    public async Task<IReadOnlyList<Point>> StopAsync()
    {
        await stop.CancelAsync();
        await polling;
        Look();
        return points;
    }

    private async Task PollAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Look();
                await Task.Delay(PollEvery, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Look()
    {
        try
        {
            var written = File.GetLastWriteTimeUtc(path);
            if (!File.Exists(path) || written == seen)
                return;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var content = JsonDocument.Parse(stream);
            var created = content.RootElement.GetProperty("customers").GetArrayLength();
            seen = written;
            // The simulator saves again at the end with the same count: the first time that count was reached is the one that counts.
            if (created > points[^1].Created)
                points.Add(new Point(written, created));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or KeyNotFoundException)
        {
            // Replaced while being read; the next poll reads the new version.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
            await StopAsync();
        stop.Dispose();
    }
}
