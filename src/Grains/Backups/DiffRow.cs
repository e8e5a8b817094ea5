namespace Com.Grains.Backups;

/// <summary>
/// One row of a side-by-side diff. Line numbers count from 1; a side is null when the row has no line there (Added has
/// no left, Removed no right). Texts are already masked (<see cref="SecretMask"/>).
/// </summary>
public sealed record DiffRow(int? LeftNumber, string? LeftText, int? RightNumber, string? RightText, DiffKind Kind);
