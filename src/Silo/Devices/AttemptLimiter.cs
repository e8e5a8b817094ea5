using System.Collections.Concurrent;

namespace Com.Silo.Devices;

/// <summary>
/// Counts link attempts per remote address, so a flood of hellos from one address is refused before it costs grain
/// calls. Many systems behind one NAT share an address, hence a generous default. An address's minute starts with its
/// first attempt, not on the clock's minute, so a burst is judged whole whenever it comes.
/// </summary>
public sealed class AttemptLimiter(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private const int PruneAbove = 100_000;

    private readonly ConcurrentDictionary<string, Burst> bursts = new();

    public bool TryAttempt(string address, int perMinute)
    {
        var now = time.GetUtcNow();
        var burst = bursts.AddOrUpdate(address,
            _ => new Burst(now, 1),
            (_, b) => now - b.Started < Window ? b with { Count = b.Count + 1 } : new Burst(now, 1));
        if (bursts.Count > PruneAbove)
            Prune(now);
        return burst.Count <= perMinute;
    }

    /// <summary>Attempts counted for <paramref name="address"/> in its current minute, without counting one more.</summary>
    public int Count(string address) =>
        bursts.TryGetValue(address, out var burst) && time.GetUtcNow() - burst.Started < Window ? burst.Count : 0;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, burst) in bursts)
            if (now - burst.Started >= Window)
                bursts.TryRemove(address, out _);
    }

    private sealed record Burst(DateTimeOffset Started, int Count);
}
