namespace Com.Grains.Interfaces.Backups;

/// <summary>
/// One row of a side-by-side diff. Line numbers count from 1; a side is null when the row has no line there (Added has
/// no left, Removed no right). Texts are already masked (by the grains' secret mask).
/// </summary>
[GenerateSerializer, Immutable, Alias("com.DiffRow")]
public sealed record DiffRow(
    [property: Id(0)] int? LeftNumber,
    [property: Id(1)] string? LeftText,
    [property: Id(2)] int? RightNumber,
    [property: Id(3)] string? RightText,
    [property: Id(4)] DiffKind Kind);
