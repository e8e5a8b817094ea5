using System.ComponentModel.DataAnnotations;

namespace Com.Grains.Backups.Nightly;

/// <summary>When systems take their automatic backup (<c>Com:Backups:Nightly</c>, SPEC BKP-3).</summary>
public sealed class NightlyBackupOptions
{
    public const string Section = "Com:Backups:Nightly";

    public bool Enabled { get; set; } = true;

    /// <summary>When the window opens, in each system's own time zone.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan WindowStart { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long it stays open; no system's backup begins after it closed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan WindowLength { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the scheduler looks for windows about to open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long before a window opens its job is created: two sweeps and a minute, so a sweep always falls in between
    /// even when one is late, and the job waits for its start in its own durable reminder.
    /// </summary>
    public TimeSpan Lookahead => SweepEvery * 2 + TimeSpan.FromMinutes(1);
}
