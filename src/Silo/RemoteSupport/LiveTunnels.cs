using System.Collections.Concurrent;
using Com.Storage.RemoteSupport;
using Microsoft.Extensions.Options;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// The tunnels this silo relays: it enforces the caps, ends idle and over-age tunnels, and writes live byte counts
/// to the audit every few seconds, all from one timer rather than one per tunnel.
/// </summary>
public sealed partial class LiveTunnels(TunnelSessionStore sessions, IOptions<ProxySettings> options, TimeProvider time, ILogger<LiveTunnels> logger)
    : BackgroundService
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(2);

    private readonly ProxySettings settings = options.Value;
    private readonly ConcurrentDictionary<Guid, Live> live = new();
    private readonly object admission = new();

    public int Count => live.Count;

    /// <summary>Reserves a place for a tunnel of <paramref name="account"/>; null when admitted, else why not.</summary>
    public string? Admit(Guid sessionId, string account)
    {
        lock (admission)
        {
            if (live.Count >= settings.MaxTunnels)
                return $"this proxy holds its maximum of {settings.MaxTunnels} tunnels; try again later";
            if (live.Values.Count(t => t.Account == account) >= settings.MaxTunnelsPerAccount)
                return $"the {account} account holds its maximum of {settings.MaxTunnelsPerAccount} tunnels on this proxy";
            live[sessionId] = new Live(account, time.GetTimestamp());
            return null;
        }
    }

    /// <summary>The tunnel runs: from now on the sweeper may stop it.</summary>
    public void Relaying(Guid sessionId, ILiveTunnel relay)
    {
        if (!live.TryGetValue(sessionId, out var entry))
            return;
        lock (entry)
        {
            entry.Relay = relay;
            if (entry.PendingStop is { } reason)
                relay.Close(reason);
        }
    }

    public void Release(Guid sessionId) => live.TryRemove(sessionId, out _);

    /// <summary>Ends every live tunnel on this silo, as it stops: each records its end with <paramref name="reason"/>.</summary>
    public void StopAll(string reason)
    {
        foreach (var id in live.Keys)
            Terminate(id, reason);
    }

    /// <summary>Ends a live tunnel on this silo; false when it holds none of that id.</summary>
    public bool Terminate(Guid sessionId, string reason)
    {
        if (!live.TryGetValue(sessionId, out var entry))
            return false;
        lock (entry)
        {
            // The audit row is written a moment before the relay is handed over: a stop in between waits for it.
            if (entry.Relay is { } relay)
                relay.Close(reason);
            else
                entry.PendingStop ??= reason;
        }
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var counts = new List<(Guid, long, long)>();
            foreach (var (id, entry) in live)
            {
                if (entry.Relay is not { } relay)
                    continue;
                if (relay.Idle > settings.IdleTimeout)
                    relay.Close($"idle for {settings.IdleTimeout}");
                else if (time.GetElapsedTime(entry.Admitted) > settings.AbsoluteTimeout)
                    relay.Close($"open for the longest a tunnel may be, {settings.AbsoluteTimeout}");
                counts.Add((id, relay.BytesUp, relay.BytesDown));
            }
            try
            {
                await sessions.CountAsync(counts, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Live counts are a view; the end of each tunnel writes its final ones. The next sweep tries again.
                LogCountsUnwritten(e, counts.Count);
            }
        }
    }

    private sealed class Live(string account, long admitted)
    {
        public string Account { get; } = account;
        public long Admitted { get; } = admitted;
        public ILiveTunnel? Relay { get; set; }

        public string? PendingStop { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live byte counts of {Count} tunnels could not be written")]
    private partial void LogCountsUnwritten(Exception exception, int count);
}
