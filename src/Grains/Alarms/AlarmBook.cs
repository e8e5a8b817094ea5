using Com.Grains.Interfaces.Alarms;

namespace Com.Grains.Alarms;

/// <summary>
/// A customer's distinct alarms (SPEC ALRM-2), in memory. Changes are proposed first and committed only once stored,
/// so a failed write leaves the book as it was and the device, never acknowledged, sends the alarm again.
/// </summary>
internal sealed class AlarmBook(string customerId, IEnumerable<AlarmRow> stored)
{
    /// <summary>
    /// Distinct alarms kept per customer. A system reporting more is misbehaving; without a bound it could fill the table
    /// and every list. At the bound, a new alarm takes the place of the ended alarm seen longest ago.
    /// </summary>
    public const int MaxRows = 1000;

    private readonly Dictionary<AlarmKey, AlarmRow> rows = stored.ToDictionary(r => r.Key);
    private AlarmTally? tally;

    public AlarmTally Tally => tally ??= AlarmTally.Of(rows.Values);

    public int Ongoing => Tally.Ongoing;

    /// <summary>
    /// The row a report turns into, or null when it changes nothing: raising an alarm already ongoing, or clearing one that
    /// is not, is a resend. A raise after a clear is a new occurrence.
    /// </summary>
    public AlarmRow? Propose(AlarmReport report, DateTimeOffset now)
    {
        rows.TryGetValue(report.Key, out var existing);
        return (existing, report.Ongoing) switch
        {
            (null, true) => new AlarmRow(customerId, report.Key, report.Severity, now, now, 1, true),
            ({ Ongoing: false }, true) => existing with { Severity = report.Severity, LastAt = now, Occurrences = existing.Occurrences + 1, Ongoing = true },
            ({ Ongoing: true }, false) => existing with { Ongoing = false },
            _ => null,
        };
    }

    /// <summary>Whether storing <paramref name="row"/> would take the book past <see cref="MaxRows"/>.</summary>
    public bool IsFullFor(AlarmRow row) => rows.Count >= MaxRows && !rows.ContainsKey(row.Key);

    /// <summary>The ended alarm seen longest ago, to give way at the bound; null when every alarm is ongoing.</summary>
    public AlarmRow? OldestEnded() => rows.Values.Where(r => !r.Ongoing).MinBy(r => r.LastAt);

    public void Commit(AlarmRow row)
    {
        rows[row.Key] = row;
        tally = null;
    }

    /// <summary>Which of <paramref name="keys"/> may be cleared now, and how many were kept because they are still ongoing.</summary>
    public (AlarmKey[] Clearable, int Ongoing) Clearable(IEnumerable<AlarmKey> keys)
    {
        var known = keys.Distinct().Where(rows.ContainsKey).Select(k => rows[k]).ToList();
        return ([.. known.Where(r => !r.Ongoing).Select(r => r.Key)], known.Count(r => r.Ongoing));
    }

    public IEnumerable<AlarmKey> KeysOf(AlarmCategory category) => rows.Values.Where(r => r.Key.Category == category).Select(r => r.Key);

    public void Remove(IEnumerable<AlarmKey> keys)
    {
        foreach (var key in keys)
            rows.Remove(key);
        tally = null;
    }
}
