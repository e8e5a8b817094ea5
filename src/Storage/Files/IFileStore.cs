namespace Com.Storage.Files;

/// <summary>
/// Every file COM keeps (backups, logs, custom files, software images), streamed in and out, never whole in memory.
/// Content is stored once however many files share it (ADR 12).
/// </summary>
public interface IFileStore
{
    /// <summary>
    /// Reads <paramref name="content"/> to its end and stores it as one file. The file is listed only once this returns:
    /// if the stream throws or the call is cancelled, nothing is listed and what was written is left for
    /// <see cref="CollectGarbageAsync"/>.
    /// </summary>
    Task<StoredFile> SaveAsync(Stream content, FileMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>The file's description, or null when there is no such file.</summary>
    Task<StoredFile?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The content, read from the store a few chunks at a time as the caller reads.</summary>
    /// <exception cref="StoredFileNotFoundException">There is no such file.</exception>
    Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Unlists the file; its content is freed by the next garbage collection unless another file shares it.</summary>
    /// <returns>False when there was no such file.</returns>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Files matching the query, newest first.</summary>
    Task<IReadOnlyList<StoredFile>> ListAsync(FileQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Frees content no file references any more: that of deleted files and of uploads that never finished. Content an
    /// upload wrote or reused within the grace period is spared, as that upload may still be running.
    /// </summary>
    Task<CollectedGarbage> CollectGarbageAsync(CancellationToken cancellationToken = default);
}
