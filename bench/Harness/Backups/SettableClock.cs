namespace Com.Harness.Backups;

/// <summary>A clock the benchmark sets: thirty nights pass in minutes, and the file store and retention see them pass.</summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
