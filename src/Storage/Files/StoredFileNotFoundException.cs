namespace Com.Storage.Files;

/// <summary>A file asked for by ID is not in the store (never saved, or deleted).</summary>
public sealed class StoredFileNotFoundException : FileNotFoundException
{
    public StoredFileNotFoundException()
    {
    }

    public StoredFileNotFoundException(string message) : base(message)
    {
    }

    public StoredFileNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public StoredFileNotFoundException(Guid id) : base($"There is no file {id} in the file store.") => Id = id;

    public Guid Id { get; }
}
