namespace Com.Storage.Files;

/// <summary>A file in the store, as its feature described it (<see cref="FileMetadata"/>) plus what the store found.</summary>
/// <param name="Id">Assigned by the store; time-ordered.</param>
/// <param name="Category">See <see cref="FileMetadata.Category"/>.</param>
/// <param name="Owner">See <see cref="FileMetadata.Owner"/>.</param>
/// <param name="Name">See <see cref="FileMetadata.Name"/>.</param>
/// <param name="Length">Bytes of content.</param>
/// <param name="Sha256">SHA-256 of the whole content, lower-case hex.</param>
/// <param name="CreatedAt">When the upload completed and the file was listed.</param>
public sealed record StoredFile(
    Guid Id, string Category, string? Owner, string Name, long Length, string Sha256, DateTimeOffset CreatedAt);
