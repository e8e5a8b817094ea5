using DiffPlex;

namespace Com.Grains.Backups;

/// <summary>
/// The lines two versions keep in common, as (left index, right index) pairs in order: a longest common subsequence
/// found by DiffPlex. Lines found on one side only can never be common, so they are left out before DiffPlex runs: its
/// Myers diff costs lines times differing lines, and a rewritten section would otherwise make that quadratic.
/// </summary>
internal static class CommonLines
{
    private const string LeftText = "left";
    private const string RightText = "right";

    public static List<(int Left, int Right)> Of(string[] left, string[] right)
    {
        var leftKept = OnBothSides(left, right);
        var rightKept = OnBothSides(right, left);
        var result = Differ.Instance.CreateDiffs(LeftText, RightText, false, false,
            new HandOver([.. leftKept.Select(i => left[i])], [.. rightKept.Select(i => right[i])]));

        var common = new List<(int, int)>(Math.Min(leftKept.Count, rightKept.Count));
        var (l, r) = (0, 0);
        foreach (var block in result.DiffBlocks.OrderBy(b => b.DeleteStartA))
        {
            while (l < block.DeleteStartA)
                common.Add((leftKept[l++], rightKept[r++]));
            l += block.DeleteCountA;
            r += block.InsertCountB;
        }
        while (l < leftKept.Count)
            common.Add((leftKept[l++], rightKept[r++]));
        return common;
    }

    private static List<int> OnBothSides(string[] lines, string[] other)
    {
        var present = new HashSet<string>(other, StringComparer.Ordinal);
        return [.. Enumerable.Range(0, lines.Length).Where(i => present.Contains(lines[i]))];
    }

    // DiffPlex diffs whole texts cut by a chunker; ours are already read and masked, so the chunker hands the lines over
    // instead of cutting a joined copy of several megabytes again.
    private sealed class HandOver(string[] left, string[] right) : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => ReferenceEquals(text, LeftText) ? left : right;
    }
}
