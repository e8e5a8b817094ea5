namespace Com.DeviceProtocol;

public static class ProtocolLimits
{
    /// <summary>The protocol version this build speaks.</summary>
    public const int Version = 1;

    /// <summary>Largest text frame a peer may send; bigger ones end the link.</summary>
    public const int MaxTextFrameBytes = 64 * 1024;

    /// <summary>Longest message id a device may use; COM repeats ids in its acks.</summary>
    public const int MaxMessageIdLength = 64;

    public const string LinkPath = "/cpe/link";
}
