using Com.Grains.Interfaces.Backups;
namespace Com.Grains.Backups;

/// <summary>
/// Turns the lines two versions have in common into rows. Between two common lines, the left lines that were replaced
/// are paired with the right lines that replaced them as changed rows while both sides have one; the rest are removed
/// or added rows.
/// </summary>
internal static class SideBySideRows
{
    public static List<DiffRow> From(List<(int Left, int Right)> common, string[] left, string[] right)
    {
        var rows = new List<DiffRow>(Math.Max(left.Length, right.Length));
        var (l, r) = (0, 0);
        foreach (var (commonLeft, commonRight) in common.Append((left.Length, right.Length)))
        {
            var paired = Math.Min(commonLeft - l, commonRight - r);
            for (var i = 0; i < paired; i++)
                rows.Add(Row(left, l++, right, r++, DiffKind.Changed));
            while (l < commonLeft)
                rows.Add(Row(left, l++, right, null, DiffKind.Removed));
            while (r < commonRight)
                rows.Add(Row(left, null, right, r++, DiffKind.Added));
            if (l < left.Length)
                rows.Add(Row(left, l++, right, r++, DiffKind.Unchanged));
        }
        return rows;
    }

    private static DiffRow Row(string[] left, int? l, string[] right, int? r, DiffKind kind) =>
        new(l + 1, l is { } li ? left[li] : null, r + 1, r is { } ri ? right[ri] : null, kind);
}
