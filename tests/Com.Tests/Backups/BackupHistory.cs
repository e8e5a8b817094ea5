using Com.Grains.Interfaces.Backups;
using Com.Grains.Backups;

namespace Com.Tests.Backups;

/// <summary>
/// One customer system's stored backups, played night by night as the backup jobs will: each night's automatic backup
/// at 03:30 on the system's clock, then pruning. Dates are the system's local dates.
/// </summary>
internal sealed class BackupHistory(TimeZoneInfo zone)
{
    public static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    private List<BackupVersion> stored = [];

    public IReadOnlyList<BackupVersion> Stored => stored;

    public DateTimeOffset At(DateOnly day, int hour = 3, int minute = 30) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), zone), TimeSpan.Zero);

    /// <summary>Every night from <paramref name="first"/> through <paramref name="last"/> except <paramref name="missed"/>; pruned every night, missed or not.</summary>
    public void Nightly(DateOnly first, DateOnly last, params DateOnly[] missed)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!missed.Contains(day))
                Add(new BackupVersion($"auto-{day:yyyy-MM-dd}", At(day), BackupKind.Automatic));
            Prune(At(day, 4, 0));
        }
    }

    public void Add(BackupVersion version) => stored.Add(version);

    public void Prune(DateTimeOffset now) => stored = [.. BackupRetention.Apply(stored, now, zone).Keep];

    public List<DateOnly> AutomaticDays() =>
        [.. stored.Where(v => v.Kind == BackupKind.Automatic).Select(v => LocalDay(v.TakenAt)).Order()];

    public List<string> ManualIds() => [.. stored.Where(v => v.Kind == BackupKind.Manual).Select(v => v.Id).Order()];

    private DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static List<DateOnly> Days(params string[] isoDates) => [.. isoDates.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).Order()];

    public static string Show(IEnumerable<DateOnly> days) => string.Join(", ", days.Select(d => $"{d:ddd yyyy-MM-dd}"));
}
