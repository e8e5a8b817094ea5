namespace Com.Grains.Accounts;

/// <summary>SPEC AUTH-2: three failed sign-ins within ten minutes block the account for ten minutes.</summary>
internal static class Lockout
{
    public const int Failures = 3;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Block = TimeSpan.FromMinutes(10);

    /// <summary>Records a failure at <paramref name="now"/>; returns the end of the block when this one triggers it.</summary>
    public static DateTimeOffset? RecordFailure(List<DateTimeOffset> recent, DateTimeOffset now)
    {
        recent.RemoveAll(at => now - at >= Window);
        recent.Add(now);
        if (recent.Count < Failures)
            return null;
        recent.Clear();
        return now + Block;
    }

    public static bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) => lockedUntil is { } until && now < until;
}
