using Com.Grains.Interfaces.RemoteSupport;

namespace Com.Grains.RemoteSupport;

/// <summary>
/// Remembers in memory that a relay ticket was claimed. The activation is kept past the ticket's expiry (plus a margin
/// for silos whose clocks differ a little), so a second claim always finds the first; after that, the ticket itself is
/// refused as expired and forgetting the claim is harmless. Losing the silo that holds the activation loses the claim
/// too, which at worst reopens the rest of one ticket's minute for the same user and customer.
/// </summary>
public sealed class RelayTicketGrain(TimeProvider time) : Grain, IRelayTicketGrain
{
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestTicket = TimeSpan.FromMinutes(10);
    private bool claimed;

    public Task<bool> ClaimAsync(DateTimeOffset validUntil)
    {
        if (claimed)
            return Task.FromResult(false);
        claimed = true;
        // Bounded, so a caller's wrong date cannot pin activations for long.
        var remaining = TimeSpan.FromTicks(Math.Clamp((validUntil - time.GetUtcNow()).Ticks, 0, LongestTicket.Ticks));
        DelayDeactivation(remaining + ClockMargin);
        return Task.FromResult(true);
    }
}
