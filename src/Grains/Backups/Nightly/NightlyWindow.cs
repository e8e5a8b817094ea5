namespace Com.Grains.Backups.Nightly;

/// <summary>One night's backup window in one time zone: the local date it opens on, and when it opens and closes.</summary>
public sealed record NightlyWindow(DateOnly Night, DateTimeOffset Opens, DateTimeOffset Closes)
{
    /// <summary>
    /// The windows of <paramref name="zone"/> a sweep at <paramref name="now"/> should have a job for: not closed yet,
    /// and opening within the lookahead. Yesterday's is among them while it is still open past midnight.
    /// </summary>
    public static IEnumerable<NightlyWindow> Due(TimeZoneInfo zone, DateTimeOffset now, NightlyBackupOptions options)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(options);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        foreach (var night in new[] { today.AddDays(-1), today, today.AddDays(1) })
        {
            var opens = Opening(zone, night, options.WindowStart);
            var closes = opens + options.WindowLength;
            if (now < closes && opens - now <= options.Lookahead)
                yield return new NightlyWindow(night, opens, closes);
        }
    }

    /// <summary>
    /// The instant the window opens on <paramref name="night"/>. A start inside a spring-forward gap moves to the first
    /// time that exists; a start the autumn repeats is taken at its first occurrence, so each night has one window.
    /// </summary>
    public static DateTimeOffset Opening(TimeZoneInfo zone, DateOnly night, TimeSpan start)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = night.ToDateTime(TimeOnly.MinValue) + start;
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(15);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
