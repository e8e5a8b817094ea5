namespace Com.Grains.Backups;

/// <summary>
/// The grandfather-father-son ladder of nightly backups (SPEC BKP-3), on the calendar of the system's time zone.
/// A backup's day is the system's local date when it was taken, not UTC's: a backup at 03:30 in Auckland belongs to
/// that Auckland date although it is the previous day in UTC. Its week is the ISO week holding that date, Monday to
/// Sunday; its month the calendar month. Ages count back from the bucket holding the system's today (age 0).
/// <list type="bullet">
/// <item>Days: the newest backup of each of the last <see cref="DaysKept"/> days, today included.</item>
/// <item>Weeks: the newest backup of each of the last <see cref="WeeksKept"/> weeks before this one. On a night with no
/// missed backup that is the Sunday's; when nights were missed, it is the latest backup that week does have.</item>
/// <item>Months: the same for the last <see cref="MonthsKept"/> months before this one: the last day's backup, or the
/// latest one the month has.</item>
/// </list>
/// The current week and month also keep their newest backup. Nightly that is today's or yesterday's, which the day rule
/// keeps anyway; after a run of missed nights it is the one backup that will become that week's or month's "last", and
/// deleting it now would leave that week or month empty once it ends. This is what makes pruning every night give the
/// same set as pruning once. A day with no backup is simply missing: the day rule keeps fewer, nothing older fills in.
/// A backup dated after the system's today (a clock running ahead) is kept until the ladder can place it.
/// </summary>
internal static class AutomaticLadder
{
    public const int DaysKept = 6;
    public const int WeeksKept = 3;
    public const int MonthsKept = 11;

    /// <summary>The automatic backups to keep out of <paramref name="newestFirst"/>, which holds only those, newest first.</summary>
    public static IEnumerable<BackupVersion> Kept(IEnumerable<BackupVersion> newestFirst, DateTimeOffset now, TimeZoneInfo systemZone)
    {
        var today = LocalDate(now, systemZone);
        var dated = newestFirst.Select(v => (Version: v, Date: LocalDate(v.TakenAt, systemZone))).ToList();

        var kept = dated.Where(d => d.Date > today).Select(d => d.Version).ToHashSet();
        kept.UnionWith(NewestPerBucket(dated, d => today.DayNumber - d.DayNumber, DaysKept - 1));
        kept.UnionWith(NewestPerBucket(dated, d => (Monday(today).DayNumber - Monday(d).DayNumber) / 7, WeeksKept));
        kept.UnionWith(NewestPerBucket(dated, d => MonthNumber(today) - MonthNumber(d), MonthsKept));
        return kept;
    }

    private static IEnumerable<BackupVersion> NewestPerBucket(List<(BackupVersion Version, DateOnly Date)> newestFirst, Func<DateOnly, int> age, int oldestAge)
    {
        var seen = new HashSet<int>();
        foreach (var (version, date) in newestFirst)
        {
            var bucket = age(date);
            if (bucket >= 0 && bucket <= oldestAge && seen.Add(bucket))
                yield return version;
        }
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    // ISO weeks start on Monday; DayOfWeek counts from Sunday.
    private static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private static int MonthNumber(DateOnly date) => (date.Year * 12) + date.Month;
}
