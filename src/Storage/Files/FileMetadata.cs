namespace Com.Storage.Files;

/// <summary>What a file is, as its feature names it.</summary>
/// <param name="Category">The feature's kind of file, e.g. <c>backup</c>, <c>log</c>, <c>custom-file</c>.</param>
/// <param name="Owner">Whose file it is (a customer ID, a folder), or null for files of COM itself.</param>
/// <param name="Name">The name shown to users and given to downloads.</param>
public sealed record FileMetadata(string Category, string? Owner, string Name)
{
    public const int MaxCategoryLength = 64;
    public const int MaxOwnerLength = 128;
    public const int MaxNameLength = 255;

    /// <summary>Why this metadata cannot be stored, or null when it can.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Category) ? "a file needs a category"
        : Category.Length > MaxCategoryLength ? $"a file category has at most {MaxCategoryLength} characters"
        : Owner is { Length: 0 or > MaxOwnerLength } ? $"a file owner is null or 1 to {MaxOwnerLength} characters"
        : string.IsNullOrWhiteSpace(Name) ? "a file needs a name"
        : Name.Length > MaxNameLength ? $"a file name has at most {MaxNameLength} characters"
        : null;
}
