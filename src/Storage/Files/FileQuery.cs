namespace Com.Storage.Files;

/// <summary>Which files to list; a null field matches every file.</summary>
public sealed record FileQuery(string? Category = null, string? Owner = null, int Limit = FileQuery.MaxLimit)
{
    public const int MaxLimit = 1000;
}
