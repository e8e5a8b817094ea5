namespace Com.Grains.Accounts;

/// <summary>
/// The time lockouts and expiry dates are judged by. Its own type so tests can move it ten minutes on without moving
/// the clock Orleans' timers and membership run on.
/// </summary>
public sealed class SecurityClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
}
