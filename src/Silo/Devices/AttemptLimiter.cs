using System.Collections.Concurrent;

namespace Com.Silo.Devices;

/// <summary>
/// Counts link attempts per remote address in one-minute windows, so a flood of hellos from one address is refused
/// before it costs grain calls. Many systems behind one NAT share an address, hence a generous default.
/// </summary>
public sealed class AttemptLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> windows = new();

    public bool TryAttempt(string address, int perMinute)
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var window = windows.AddOrUpdate(address,
            _ => new Window(minute, 1),
            (_, w) => w.Minute == minute ? w with { Count = w.Count + 1 } : new Window(minute, 1));
        if (windows.Count > 100_000)
            Prune(minute);
        return window.Count <= perMinute;
    }

    private void Prune(long minute)
    {
        foreach (var (address, window) in windows)
            if (window.Minute < minute)
                windows.TryRemove(address, out _);
    }

    private sealed record Window(long Minute, int Count);
}
