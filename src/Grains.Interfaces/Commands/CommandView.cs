using Com.Grains.Interfaces.Jobs;

namespace Com.Grains.Interfaces.Commands;

/// <summary>Where a command stands. Sent until the device's result (and, for a backup, its file) arrives, or it fails.</summary>
public enum CommandPhase
{
    Sent,
    Succeeded,
    Failed,
}

/// <summary>
/// A command as its job sees it: <paramref name="Reason"/> explains a failure, <paramref name="LastHeardAt"/> is when the
/// device last said anything about it, <paramref name="Upload"/> the stored backup file.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.CommandView")]
public sealed record CommandView(
    [property: Id(0)] CommandPhase Phase,
    [property: Id(1)] string? Reason,
    [property: Id(2)] ServerProgress[] Servers,
    [property: Id(3)] DateTimeOffset LastHeardAt,
    [property: Id(4)] StoredUpload? Upload = null)
{
    public bool Ended => Phase != CommandPhase.Sent;
}

/// <summary>A file a device uploaded for a command, once the file store has listed it.</summary>
[GenerateSerializer, Immutable, Alias("com.StoredUpload")]
public sealed record StoredUpload(
    [property: Id(0)] Guid FileId,
    [property: Id(1)] long Length,
    [property: Id(2)] string Sha256);
