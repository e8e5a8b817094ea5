namespace Com.Grains.Backups;

/// <summary>
/// A configuration's lines as shown (secrets masked) and as compared. A line holding a secret is compared as read, so
/// a changed password is a changed line although both sides show the same mask; that text is used for comparing only
/// and never reaches a row. Other lines share one string for both.
/// </summary>
internal sealed record MaskedLines(string[] Shown, string[] Keys)
{
    public static MaskedLines Read(TextReader reader)
    {
        var shown = new List<string>();
        var keys = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var masked = SecretMask.Apply(line);
            shown.Add(masked);
            keys.Add(masked == line ? masked : line);
        }
        return new MaskedLines([.. shown], [.. keys]);
    }
}
