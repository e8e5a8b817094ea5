using System.ComponentModel.DataAnnotations;

namespace Com.Silo.Devices;

/// <summary>The WSS endpoint customer systems connect to (<c>wss://host:7443/cpe/link</c>).</summary>
public sealed class DeviceGatewaySettings
{
    public const string Section = "Com:Devices";

    [Range(0, 65535)]
    public int Port { get; set; } = 7443;

    /// <summary>Customer systems reach COM from anywhere; loopback only until an operator opens it.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>How often the gateway pings a device at the WebSocket level.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A device that answers no ping for this long (frozen, or its network vanished) is dropped.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Time a new socket has to send its hello.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Heartbeat period the gateway asks devices for in its welcome.</summary>
    [Range(5, 3600)]
    public int HeartbeatSeconds { get; set; } = 30;

    /// <summary>Link attempts one address may make per minute before it is refused.</summary>
    [Range(1, 100000)]
    public int AttemptsPerAddressPerMinute { get; set; } = 600;

    /// <summary>Largest file a device may upload for a command (a backup with voicemail runs to gigabytes).</summary>
    [Range(1L, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 8L * 1024 * 1024 * 1024;
}
