using Microsoft.Extensions.Logging;

namespace Com.Overview.Customers;

/// <summary>Hands pages their subscription to the directory copy: filtered, throttled and unsubscribed with the page.</summary>
public sealed class DirectoryChanges(CustomerDirectoryFeed feed, TimeProvider time, ILogger<DirectoryChanges> logger)
{
    /// <summary>At most two redraws a second, however fast links and alarms change (SPEC DASH-3 asks for 2 s).</summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Calls <paramref name="redraw"/> after changes <paramref name="relevant"/> accepts, at most once per
    /// <see cref="RedrawInterval"/>; dispose the result with the page.
    /// </summary>
    public ThrottledDirectorySubscription Subscribe(Func<DirectoryChange, bool> relevant, Func<Task> redraw) =>
        new(feed, relevant, redraw, RedrawInterval, time, logger);
}
