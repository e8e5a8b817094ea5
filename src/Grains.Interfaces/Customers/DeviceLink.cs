namespace Com.Grains.Interfaces.Customers;

/// <summary>The live connection of a customer system, held by the silo that accepted its socket.</summary>
[Alias("com.IDeviceLink")]
public interface IDeviceLink : IGrainObserver
{
    /// <summary>Answers while the socket is open; a grain that reactivates uses it to find out whether its link survived.</summary>
    [Alias("IsOpen")]
    Task<bool> IsOpenAsync(Guid linkId);

    /// <summary>Closes the socket, telling the device why (a newer link replaced it, the customer was deleted…).</summary>
    [Alias("Close")]
    Task CloseAsync(Guid linkId, string reason);

    /// <summary>Sends a command to the device; false when <paramref name="linkId"/> is not this socket or it has closed.</summary>
    [Alias("SendCommand")]
    Task<bool> SendCommandAsync(Guid linkId, Commands.DeviceCommand command);

    /// <summary>Asks the device to open a tunnel; false when <paramref name="linkId"/> is not this socket or it has closed.</summary>
    [Alias("OpenTunnel")]
    Task<bool> OpenTunnelAsync(Guid linkId, RemoteSupport.TunnelOpening opening);
}

/// <summary>A device's hello, checked by its customer grain.</summary>
[GenerateSerializer, Immutable, Alias("com.LinkHello.v1")]
public sealed record LinkHello(
    [property: Id(0)] Guid LinkId,
    [property: Id(1)] string ServiceUser,
    [property: Id(2)] string Password,
    [property: Id(3)] ServerRole ConnectingRole,
    [property: Id(4)] NetworkReport Network,
    [property: Id(5)] ServiceAccountReport Account,
    [property: Id(6)] string Silo = "");

/// <summary>The grain's answer: accepted (with notices about limited features) or refused with a reason code.</summary>
[GenerateSerializer, Immutable, Alias("com.LinkVerdict.v1")]
public sealed record LinkVerdict(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? RefusalReason,
    [property: Id(2)] Connectivity Connectivity)
{
    public static LinkVerdict Refused(string reason, Connectivity connectivity) => new(false, reason, connectivity);
}
