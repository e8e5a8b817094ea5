namespace Com.Grains.Backups;

/// <summary>
/// Compares two configuration versions line by line for the side-by-side view (SPEC BKP, issue 16 item 7), secrets
/// masked before anything leaves. Memory grows with the number of lines. Time grows with the number of lines times the
/// number of differing lines that both versions hold somewhere (<see cref="CommonLines"/>): a few changes in megabytes,
/// or a section rewritten, are quick; only the same lines shuffled into another order cost lines squared.
/// </summary>
public static class ConfigurationDiff
{
    public static SideBySideDiff Compare(string left, string right)
    {
        using var leftReader = new StringReader(left);
        using var rightReader = new StringReader(right);
        return Compare(leftReader, rightReader);
    }

    /// <summary>Reads both versions line by line; each line is masked as it is read.</summary>
    public static SideBySideDiff Compare(TextReader left, TextReader right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var before = MaskedLines.Read(left);
        var after = MaskedLines.Read(right);
        return new SideBySideDiff(SideBySideRows.From(CommonLines.Of(before.Keys, after.Keys), before.Shown, after.Shown));
    }
}
