using Com.Grains.Interfaces.Backups;
namespace Com.Grains.Backups;

/// <summary>Two configuration versions line by line (SPEC BKP, issue 16 item 7), with what changed counted.</summary>
public sealed class SideBySideDiff(IReadOnlyList<DiffRow> rows)
{
    /// <summary>Lines kept around each change by <see cref="Collapse"/>.</summary>
    public const int DefaultContext = 3;

    public IReadOnlyList<DiffRow> Rows { get; } = rows;

    public int Unchanged { get; } = rows.Count(r => r.Kind == DiffKind.Unchanged);

    public int Changed { get; } = rows.Count(r => r.Kind == DiffKind.Changed);

    public int Added { get; } = rows.Count(r => r.Kind == DiffKind.Added);

    public int Removed { get; } = rows.Count(r => r.Kind == DiffKind.Removed);

    /// <summary>Rows that are not <see cref="DiffKind.Unchanged"/>.</summary>
    public int Changes => Changed + Added + Removed;

    /// <summary>
    /// Only the changed rows with <paramref name="context"/> unchanged rows on each side; runs of unchanged rows longer than
    /// that are hidden and counted. Changes closer than twice the context share one hunk.
    /// </summary>
    public CollapsedDiff Collapse(int context = DefaultContext)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var shown = new bool[Rows.Count];
        for (var i = 0; i < Rows.Count; i++)
        {
            if (Rows[i].Kind == DiffKind.Unchanged)
                continue;
            for (var j = Math.Max(0, i - context); j <= Math.Min(Rows.Count - 1, i + context); j++)
                shown[j] = true;
        }

        var hunks = new List<DiffHunk>();
        var hidden = 0;
        var current = new List<DiffRow>();
        for (var i = 0; i < Rows.Count; i++)
        {
            if (!shown[i])
            {
                if (current.Count > 0)
                {
                    hunks.Add(new DiffHunk(hidden, [.. current]));
                    (current, hidden) = ([], 0);
                }
                hidden++;
                continue;
            }
            current.Add(Rows[i]);
        }
        if (current.Count > 0)
        {
            hunks.Add(new DiffHunk(hidden, [.. current]));
            hidden = 0;
        }
        return new CollapsedDiff([.. hunks], hidden);
    }
}
