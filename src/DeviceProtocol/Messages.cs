using System.Text.Json;
using System.Text.Json.Serialization;

namespace Com.DeviceProtocol;

// The device link's JSON messages (docs/device-protocol.md). Every text frame is one message with a "type".
// Unknown fields are ignored; unknown types are answered with an error.

public static class MessageTypes
{
    public const string Hello = "hello";
    public const string Welcome = "welcome";
    public const string Refused = "refused";
    public const string Heartbeat = "heartbeat";
    public const string Status = "status";
    public const string Alarm = "alarm";
    public const string Error = "error";
    public const string Ack = "ack";
    public const string Command = "command";
    public const string Progress = "progress";
    public const string Result = "result";
    public const string TunnelOpen = "tunnel-open";
}

public record Envelope(string Type, string? Id = null);

/// <summary>
/// The system as a whole. <paramref name="Configuration"/> is the SHA-256 (lower-case hex) of the configuration it runs,
/// as its backup file would hold it: it shows which backup a system runs after a restore. <paramref name="TimeZone"/> is
/// the IANA zone the system keeps its clock in (e.g. "Europe/Paris"): its nightly backup runs in that zone's night.
/// </summary>
public sealed record SystemInfo(string Name, string Profile, string Version, string? Configuration = null, string? TimeZone = null);

public sealed record ServerMessage(string Name, string Role, string Address, string Profile, string Version, bool Online = true);

public sealed record FlagsMessage(
    bool CentralManagement = false,
    bool CentralDiagnosticLog = false,
    bool RemoteUpgradeBackup = false,
    bool RemoteAccess = false,
    bool NearbyServers = false,
    bool AutomaticCertificates = false,
    bool AutomaticPhoneProvisioning = false);

public sealed record TunnelMessage(string Address, int Port, string Application);

public sealed record AccountMessage(
    string State = "ok",
    IReadOnlyList<string>? Rights = null,
    bool RemoteOperations = true,
    bool AuthorisationProvided = true,
    int Sessions = 1,
    int MaxSessions = 5);

public sealed record HelloMessage(
    string? Id,
    int Protocol,
    string CustomerId,
    string ServiceUser,
    string Password,
    string Role,
    SystemInfo System,
    IReadOnlyList<ServerMessage> Servers,
    FlagsMessage? Flags = null,
    IReadOnlyList<TunnelMessage>? Tunnels = null,
    AccountMessage? Account = null) : Envelope(MessageTypes.Hello, Id);

public sealed record WelcomeMessage(string? Id, int Protocol, string Link, int HeartbeatSeconds, string Connectivity)
    : Envelope(MessageTypes.Welcome, Id);

public sealed record RefusedMessage(string? Id, string Reason, string Message) : Envelope(MessageTypes.Refused, Id);

public sealed record HeartbeatMessage() : Envelope(MessageTypes.Heartbeat);

public sealed record StatusMessage(string? Id, IReadOnlyList<ServerMessage> Servers) : Envelope(MessageTypes.Status, Id);

public sealed record AlarmMessage(string? Id, string Server, string Severity, string Category, string Description, bool Ongoing)
    : Envelope(MessageTypes.Alarm, Id);

public sealed record ErrorMessage(string? Id, string Code, string Message) : Envelope(MessageTypes.Error, Id);

/// <summary>COM has recorded the status or alarm with this id; until it arrives the device keeps the message and sends it again on its next link.</summary>
public sealed record AckMessage(string Id) : Envelope(MessageTypes.Ack, Id);

/// <summary>
/// COM asks the system to act. <c>backup</c>: the system PUTs its backup of <paramref name="Items"/> to <paramref name="Upload"/>.
/// <c>restore</c>: it GETs the file at <paramref name="Download"/>, applies <paramref name="Items"/> of it, answers with a
/// result and restarts (drops the link and links again). Both paths are on the host and port of the link, valid once.
/// </summary>
public sealed record CommandMessage(string Id, string Command, IReadOnlyList<string> Items, string? Upload = null, string? Download = null)
    : Envelope(MessageTypes.Command, Id);

/// <summary>How far a command has got on one server of the system, 0-100.</summary>
public sealed record ProgressMessage(string? Id, string Server, int Percent) : Envelope(MessageTypes.Progress, Id);

/// <summary>How a command ended; <paramref name="Detail"/> says why it failed, or what was done.</summary>
public sealed record ResultMessage(string? Id, bool Ok, string? Detail = null) : Envelope(MessageTypes.Result, Id);

/// <summary>
/// COM asks the system to open a remote-support tunnel (docs/device-protocol.md, "Tunnels"). The system connects to
/// <paramref name="Address"/>:<paramref name="Port"/> (itself, one of its servers or a whitelisted nearby server), then
/// opens <paramref name="Connect"/> (an https URL on one of COM's silos, valid once) with an HTTP/1.1 upgrade to
/// <c>com-tunnel</c>, and from the <c>101</c> on relays bytes both ways. When it cannot reach the target it requests
/// <paramref name="Connect"/> without upgrading, with <c>?failed=</c> and a reason, so the client learns why at once.
/// </summary>
public sealed record TunnelOpenMessage(string Id, string Address, int Port, string Connect) : Envelope(MessageTypes.TunnelOpen, Id);

public static class Tunnels
{
    /// <summary>Where a system dials back for a tunnel: <c>/cpe/tunnels/{token}</c>, on the silo holding the client.</summary>
    public const string Path = "/cpe/tunnels";

    /// <summary>The HTTP/1.1 <c>Upgrade</c> protocol name of a tunnel's data connection.</summary>
    public const string UpgradeProtocol = "com-tunnel";

    /// <summary>Reasons a system gives in <c>?failed=</c>.</summary>
    public const string Refused = "connection-refused";
    public const string Unreachable = "unreachable";
    public const string TimedOut = "timed-out";
    public const string NotAllowed = "not-allowed";
}

public static class Commands
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    /// <summary>Where a system uploads and downloads the files of its commands: <c>/cpe/files/{token}</c>.</summary>
    public const string FilesPath = "/cpe/files";
}

// Strict numbers: the web defaults would read "protocol": "1" as 1, and a device sending that is broken, not version 1.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Envelope))]
[JsonSerializable(typeof(HelloMessage))]
[JsonSerializable(typeof(WelcomeMessage))]
[JsonSerializable(typeof(RefusedMessage))]
[JsonSerializable(typeof(HeartbeatMessage))]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(AlarmMessage))]
[JsonSerializable(typeof(ErrorMessage))]
[JsonSerializable(typeof(AckMessage))]
[JsonSerializable(typeof(CommandMessage))]
[JsonSerializable(typeof(ProgressMessage))]
[JsonSerializable(typeof(ResultMessage))]
[JsonSerializable(typeof(TunnelOpenMessage))]
public sealed partial class ProtocolJson : JsonSerializerContext;
