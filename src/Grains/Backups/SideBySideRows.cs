using DiffPlex.Model;

namespace Com.Grains.Backups;

/// <summary>
/// Turns DiffPlex's blocks (a run of left lines replaced by a run of right lines) into rows: the block's lines are paired
/// as changed rows while both sides have one, the rest are removed or added rows; lines between blocks are unchanged.
/// </summary>
internal static class SideBySideRows
{
    public static List<DiffRow> From(IEnumerable<DiffBlock> blocks, string[] left, string[] right)
    {
        var rows = new List<DiffRow>(Math.Max(left.Length, right.Length));
        var (l, r) = (0, 0);
        foreach (var block in blocks.OrderBy(b => b.DeleteStartA))
        {
            while (l < block.DeleteStartA)
                rows.Add(Row(left, l++, right, r++, DiffKind.Unchanged));
            var paired = Math.Min(block.DeleteCountA, block.InsertCountB);
            for (var i = 0; i < paired; i++)
                rows.Add(Row(left, l++, right, r++, DiffKind.Changed));
            for (var i = paired; i < block.DeleteCountA; i++)
                rows.Add(Row(left, l++, right, null, DiffKind.Removed));
            for (var i = paired; i < block.InsertCountB; i++)
                rows.Add(Row(left, null, right, r++, DiffKind.Added));
        }
        while (l < left.Length)
            rows.Add(Row(left, l++, right, r++, DiffKind.Unchanged));
        return rows;
    }

    private static DiffRow Row(string[] left, int? l, string[] right, int? r, DiffKind kind) =>
        new(l + 1, l is { } li ? left[li] : null, r + 1, r is { } ri ? right[ri] : null, kind);
}
