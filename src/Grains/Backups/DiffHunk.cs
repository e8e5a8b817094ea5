namespace Com.Grains.Backups;

/// <summary>A run of rows around changes, after <paramref name="HiddenBefore"/> unchanged rows that are not shown.</summary>
public sealed record DiffHunk(int HiddenBefore, IReadOnlyList<DiffRow> Rows);

/// <summary>A diff showing only changes and their context: hunks, then the unchanged rows hidden after the last one.</summary>
public sealed record CollapsedDiff(IReadOnlyList<DiffHunk> Hunks, int HiddenAfter);
