namespace Com.Grains.Interfaces.Commands;

/// <summary>
/// A command on its way to a device (docs/device-protocol.md, <c>command</c>): <paramref name="Upload"/> or
/// <paramref name="Download"/> is the one-time path of the file it moves.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.DeviceCommand")]
public sealed record DeviceCommand(
    [property: Id(0)] Guid CommandId,
    [property: Id(1)] string Command,
    [property: Id(2)] string[] Items,
    [property: Id(3)] string? Upload = null,
    [property: Id(4)] string? Download = null);
