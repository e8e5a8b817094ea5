using Com.Grains.Interfaces.Backups;
namespace Com.Grains.Backups;

/// <summary>
/// Which of one system's backups to keep and which to delete (SPEC BKP-2, BKP-3). Manual and automatic backups are
/// counted separately: a manual backup never takes an automatic one's place, nor the reverse.
/// <list type="bullet">
/// <item>Manual: the newest <see cref="ManualKept"/>; a fourth pushes out the oldest.</item>
/// <item>Automatic: see <see cref="AutomaticLadder"/> for the day, week and month rules, gaps and time zones.</item>
/// </list>
/// Pure and idempotent: applying it every night gives the same set as applying it once to the whole history.
/// </summary>
public static class BackupRetention
{
    public const int ManualKept = 3;

    /// <param name="versions">Every stored backup of one system.</param>
    /// <param name="now">COM's clock; converted to <paramref name="systemZone"/> to know the system's today.</param>
    /// <param name="systemZone">The system's own time zone, which decides the day, week and month of each backup.</param>
    public static RetentionDecision Apply(IEnumerable<BackupVersion> versions, DateTimeOffset now, TimeZoneInfo systemZone)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(systemZone);
        var newestFirst = versions.OrderByDescending(v => v.TakenAt).ThenByDescending(v => v.Id, StringComparer.Ordinal).ToList();

        var keep = newestFirst.Where(v => v.Kind == BackupKind.Manual).Take(ManualKept).ToHashSet();
        keep.UnionWith(AutomaticLadder.Kept(newestFirst.Where(v => v.Kind == BackupKind.Automatic), now, systemZone));

        return new RetentionDecision(
            [.. newestFirst.Where(keep.Contains)],
            [.. newestFirst.Where(v => !keep.Contains(v))]);
    }
}
