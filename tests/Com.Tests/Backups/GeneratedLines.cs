namespace Com.Tests.Backups;

/// <summary>A configuration of many lines made on the fly, so a large diff reads it line by line like a file.</summary>
internal sealed class GeneratedLines(int count, Func<int, string> lineAt) : TextReader
{
    private int next;

    public override string? ReadLine() => next < count ? lineAt(next++) : null;
}
