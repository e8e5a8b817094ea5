namespace Com.Grains.Interfaces.Backups;

/// <summary>
/// One stored backup of a customer system, as its versions page lists it (SPEC BKP-4): <paramref name="FileId"/> is the
/// file in COM's file store, <paramref name="Items"/> what it holds (<c>configuration</c>, <c>voicemail</c> …),
/// <paramref name="JobId"/> the job that took it.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.BackupEntry")]
public sealed record BackupEntry(
    [property: Id(0)] Guid FileId,
    [property: Id(1)] DateTimeOffset TakenAt,
    [property: Id(2)] BackupKind Kind,
    [property: Id(3)] long Length,
    [property: Id(4)] string Sha256,
    [property: Id(5)] string[] Items,
    [property: Id(6)] Guid JobId,
    [property: Id(7)] string JobName);
