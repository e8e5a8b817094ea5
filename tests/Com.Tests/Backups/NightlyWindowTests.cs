using Com.Grains.Backups.Nightly;

namespace Com.Tests.Backups;

/// <summary>
/// When each zone's nightly window opens and closes (SPEC BKP-3), and which windows a sweep creates jobs for. Paris is
/// UTC+1 in winter and UTC+2 in summer; in 2026 its clocks go forward on 29 March at 02:00 and back on 25 October at
/// 03:00, both inside the 02:00–04:00 window.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NightlyWindowTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");
    private static readonly NightlyBackupOptions Defaults = new();

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void AWinterNightInParis_OpensAt0100Utc_AndClosesTwoHoursLater()
    {
        var opens = NightlyWindow.Opening(Paris, new DateOnly(2026, 12, 3), Defaults.WindowStart);

        opens.ShouldBe(Utc(12, 3, 1));
        opens.Offset.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void TheNightClocksGoForward_OpensAtTheFirstLocalTimeThatExists()
    {
        // 02:00 does not exist on 29 March in Paris: the clock jumps from 02:00 to 03:00 (01:00 UTC).
        NightlyWindow.Opening(Paris, new DateOnly(2026, 3, 29), Defaults.WindowStart).ShouldBe(Utc(3, 29, 1));
    }

    [Fact]
    public void TheNightClocksGoBack_OpensOnce_AtTheFirstOccurrence()
    {
        // 02:00–03:00 happens twice on 25 October in Paris; the first 02:00 is 00:00 UTC (summer time).
        var start = TimeSpan.FromHours(2.5);
        NightlyWindow.Opening(Paris, new DateOnly(2026, 10, 25), start).ShouldBe(Utc(10, 25, 0, 30));
    }

    [Fact]
    public void ASweepAnHourBeforeTheWindow_CreatesNothing_OneWithinTheLookahead_CreatesTonightsOnly()
    {
        Defaults.Lookahead.ShouldBe(TimeSpan.FromMinutes(11));
        NightlyWindow.Due(Paris, Utc(12, 2, 23, 59), Defaults).ShouldBeEmpty("00:59 in Paris is 61 minutes before the window");

        var due = NightlyWindow.Due(Paris, Utc(12, 3, 0, 50), Defaults).ShouldHaveSingleItem();

        due.Night.ShouldBe(new DateOnly(2026, 12, 3));
        due.Opens.ShouldBe(Utc(12, 3, 1));
        due.Closes.ShouldBe(Utc(12, 3, 3));
    }

    [Fact]
    public void ASweepWhileTheWindowIsOpen_StillCreatesIt_OneAfterItClosed_DoesNot()
    {
        NightlyWindow.Due(Paris, Utc(12, 3, 2, 59), Defaults).ShouldHaveSingleItem().Night.ShouldBe(new DateOnly(2026, 12, 3));
        NightlyWindow.Due(Paris, Utc(12, 3, 3), Defaults).ShouldBeEmpty();
    }

    [Fact]
    public void AWindowOpeningLateInTheEvening_IsNamedAfterTheDateItOpensOn()
    {
        var late = new NightlyBackupOptions { WindowStart = TimeSpan.FromHours(23.5) };

        // 23:25 in Auckland (UTC+13 in December) on 3 December is 10:25 UTC.
        var due = NightlyWindow.Due(Auckland, Utc(12, 3, 10, 25), late).ShouldHaveSingleItem();

        due.Night.ShouldBe(new DateOnly(2026, 12, 3));
        due.Opens.ShouldBe(Utc(12, 3, 10, 30));
    }

    [Fact]
    public void ZonesOnOppositeSidesOfTheWorld_HaveTheirOwnNights()
    {
        var now = Utc(12, 2, 12, 55);

        NightlyWindow.Due(Paris, now, Defaults).ShouldBeEmpty("it is 13:55 in Paris");
        NightlyWindow.Due(Auckland, now, Defaults).ShouldHaveSingleItem().Opens.ShouldBe(Utc(12, 2, 13), "02:00 on 3 December in Auckland");
    }
}
