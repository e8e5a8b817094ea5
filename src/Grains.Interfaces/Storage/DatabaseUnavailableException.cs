namespace Com.Grains.Interfaces.Storage;

/// <summary>
/// A grain call failed because PostgreSQL could not be reached for a moment (restarting, refusing connections): cluster
/// trouble, worth retrying, as opposed to a bug. The grain's silo logged the database's own exception with its stack trace.
/// </summary>
[GenerateSerializer, Alias("com.DatabaseUnavailableException")]
public sealed class DatabaseUnavailableException : OrleansException
{
    public DatabaseUnavailableException() { }

    public DatabaseUnavailableException(string message) : base(message) { }

    public DatabaseUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
