using Com.Grains.Interfaces.Backups;
namespace Com.Grains.Backups;

/// <summary>
/// One stored backup of a customer system. <paramref name="TakenAt"/> is an instant; which day it belongs to is decided
/// in the system's own time zone, given to <see cref="BackupRetention"/> alongside.
/// </summary>
public sealed record BackupVersion(string Id, DateTimeOffset TakenAt, BackupKind Kind);
