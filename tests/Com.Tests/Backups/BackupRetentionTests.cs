using Com.Grains.Interfaces.Backups;
using Com.Grains.Backups;
using static Com.Tests.Backups.BackupHistory;

namespace Com.Tests.Backups;

/// <summary>
/// SPEC BKP-2 and BKP-3 played night by night on a system in Auckland (UTC+13 in summer, so its 03:30 is the previous
/// day in UTC). Expected sets are listed by hand from the 2026 calendar: 1 January 2026 is a Thursday, so Sundays fall
/// on 4, 11, 18, 25 January, 1, 8, 15, 22 February, 1 March; in 2027 on 24 and 31 January, 7 February.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BackupRetentionTests
{
    private readonly BackupHistory history = new(Auckland);

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    private void ShouldKeepAutomatic(List<DateOnly> expected, string when) =>
        history.AutomaticDays().ShouldBe(expected, $"automatic backups kept {when}: got {Show(history.AutomaticDays())}, expected {Show(expected)}");

    [Fact]
    public void AYearOfNightlyBackups_PrunedEveryNight_KeepsSixDaysThreeWeeksAndElevenMonths()
    {
        history.Nightly(Day(2026, 1, 1), Day(2026, 1, 10));
        ShouldKeepAutomatic(Days("2026-01-04", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09", "2026-01-10"),
            "after 10 days (Sunday 4 January is the last of the week before)");

        history.Nightly(Day(2026, 1, 11), Day(2026, 2, 4));
        ShouldKeepAutomatic(Days("2026-01-18", "2026-01-25", "2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02", "2026-02-03", "2026-02-04"),
            "after 5 weeks (Sunday 11 January's week is the fourth back, gone)");

        history.Nightly(Day(2026, 2, 5), Day(2026, 3, 1));
        ShouldKeepAutomatic(Days("2026-01-31", "2026-02-08", "2026-02-15", "2026-02-22", "2026-02-24", "2026-02-25", "2026-02-26",
            "2026-02-27", "2026-02-28", "2026-03-01"), "on Sunday 1 March (the last of January stays as its month's)");

        history.Nightly(Day(2026, 3, 2), Day(2027, 2, 10));
        ShouldKeepAutomatic(Days("2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30",
            "2026-10-31", "2026-11-30", "2026-12-31", "2027-01-24", "2027-01-31", "2027-02-05", "2027-02-06", "2027-02-07",
            "2027-02-08", "2027-02-09", "2027-02-10"), "after 13 months (February and January 2026 are the 12th and 13th months back)");
    }

    [Fact]
    public void MissedNights_KeepTheLatestBackupTheirWeekOrMonthHas_AndAnEmptyWeekKeepsNothing()
    {
        DateOnly[] missed = [Day(2026, 1, 25), Day(2026, 1, 29), Day(2026, 1, 30), Day(2026, 1, 31),
            .. Enumerable.Range(9, 7).Select(d => Day(2026, 2, d))];

        history.Nightly(Day(2026, 1, 1), Day(2026, 2, 4), missed);
        ShouldKeepAutomatic(Days("2026-01-18", "2026-01-24", "2026-01-28", "2026-02-01", "2026-02-02", "2026-02-03", "2026-02-04"),
            "on 4 February: Saturday 24 January stands for its week, 28 January for the month, and the day rule keeps only 4");

        history.Nightly(Day(2026, 2, 5), Day(2026, 3, 4), missed);
        ShouldKeepAutomatic(Days("2026-01-28", "2026-02-22", "2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"),
            "on 4 March: the week of 9-15 February had no backup, and nothing older takes its place");
    }

    [Fact]
    public void ASystemThatStopsBackingUp_KeepsTheLastBackupOfTheCurrentWeekUntilItIsThatWeeksLast()
    {
        var stopped = Enumerable.Range(3, 13).Select(d => Day(2026, 2, d)).ToArray();

        history.Nightly(Day(2026, 1, 1), Day(2026, 2, 8), stopped);
        ShouldKeepAutomatic(Days("2026-01-18", "2026-01-25", "2026-01-31", "2026-02-01", "2026-02-02"),
            "on Sunday 8 February: Monday 2 February is past the 6 days but is still this week's newest");

        history.Nightly(Day(2026, 2, 9), Day(2026, 2, 15), stopped);
        ShouldKeepAutomatic(Days("2026-01-25", "2026-01-31", "2026-02-01", "2026-02-02"),
            "on Sunday 15 February: Monday 2 February now stands for its week and for February");
    }

    [Fact]
    public void ManualBackups_KeepTheNewestThree_TheOldestGoesWhenAFourthArrives()
    {
        for (var n = 1; n <= 5; n++)
        {
            history.Add(new BackupVersion($"manual-{n}", history.At(Day(2026, 5, n), 14, 0), BackupKind.Manual));
            history.Prune(history.At(Day(2026, 5, n), 14, 5));
        }

        history.ManualIds().ShouldBe(["manual-3", "manual-4", "manual-5"], "the 4th and 5th manual backups each replace the oldest");
    }

    [Fact]
    public void ManualAndAutomaticBackups_AreCountedSeparately()
    {
        for (var day = Day(2026, 1, 1); day <= Day(2026, 1, 10); day = day.AddDays(1))
        {
            history.Add(new BackupVersion($"manual-{day:dd}", history.At(day, 15, 0), BackupKind.Manual));
            history.Nightly(day, day);
        }
        history.Prune(history.At(Day(2026, 1, 10), 16, 0));

        history.ManualIds().ShouldBe(["manual-08", "manual-09", "manual-10"], "three manual backups, whatever the automatic ones");
        ShouldKeepAutomatic(Days("2026-01-04", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09", "2026-01-10"),
            "with manual backups taken every afternoon: the same as without them");
    }

    [Fact]
    public void DaysAndMonths_AreTheSystemsOwn_NotUtcs()
    {
        // 03:30 on Sunday 1 February in Auckland is 14:30 on 31 January in UTC; 00:30 on 14 April is 12:30 on 13 April.
        history.Add(new BackupVersion("january", history.At(Day(2026, 1, 31)), BackupKind.Automatic));
        history.Add(new BackupVersion("february", history.At(Day(2026, 2, 1)), BackupKind.Automatic));
        history.Add(new BackupVersion("after-midnight", history.At(Day(2026, 4, 14), 0, 30), BackupKind.Automatic));
        history.Add(new BackupVersion("nightly", history.At(Day(2026, 4, 14)), BackupKind.Automatic));

        history.Prune(history.At(Day(2026, 4, 15), 4, 0));

        history.Stored.Select(v => v.Id).Order().ToList().ShouldBe(["february", "january", "nightly"],
            "31 January and 1 February are each their month's last in Auckland; 00:30 and 03:30 on 14 April are one Auckland day");
    }

    [Fact]
    public void ABackupDatedAfterTheSystemsToday_IsKept()
    {
        history.Nightly(Day(2026, 1, 1), Day(2026, 1, 20));
        history.Add(new BackupVersion("ahead", history.At(Day(2026, 1, 22)), BackupKind.Automatic));

        history.Prune(history.At(Day(2026, 1, 20), 12, 0));

        history.Stored.ShouldContain(v => v.Id == "ahead", "a backup the ladder cannot place yet is not deleted");
        history.Stored.ShouldContain(v => v.Id == "auto-2026-01-20", "nor does it push out today's backup");
    }
}
