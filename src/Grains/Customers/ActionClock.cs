namespace Com.Grains.Customers;

/// <summary>
/// The time action leases start and expire by. Its own type so tests can move it hours on without moving the clock
/// Orleans' timers, membership and the directory publisher's retries run on.
/// </summary>
public sealed class ActionClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
}
