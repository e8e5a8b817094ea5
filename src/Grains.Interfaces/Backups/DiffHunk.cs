namespace Com.Grains.Interfaces.Backups;

/// <summary>A run of rows around changes, after <paramref name="HiddenBefore"/> unchanged rows that are not shown.</summary>
[GenerateSerializer, Immutable, Alias("com.DiffHunk")]
public sealed record DiffHunk([property: Id(0)] int HiddenBefore, [property: Id(1)] DiffRow[] Rows);

/// <summary>A diff showing only changes and their context: hunks, then the unchanged rows hidden after the last one.</summary>
[GenerateSerializer, Immutable, Alias("com.CollapsedDiff")]
public sealed record CollapsedDiff([property: Id(0)] DiffHunk[] Hunks, [property: Id(1)] int HiddenAfter);
