using System.Buffers;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>The items a backup or restore may name (docs/device-protocol.md, "command").</summary>
internal static class BackupItems
{
    public const string Configuration = "configuration";
    public const string Voicemail = "voicemail";
    public const string VoicemailSelective = "voicemail-selective";
    public const string MediaManager = "media-manager";
    /// <summary>Every service of every server.</summary>
    public const string AllServices = "services";
    /// <summary>COM names one service's item <c>service:&lt;name&gt;</c>, e.g. <c>service:one-x-portal</c>.</summary>
    public const string ServicePrefix = "service:";

    private const int MaxNameLength = 64;
    // Item names become file names inside the archive; anything else could climb out of its folder.
    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    public static bool IsValidName(string? item) => item is not null && IsPlainName(ServiceName(item));

    /// <summary>The service an item names: the part after <c>service:</c>, or the whole item (older COMs sent plain names).</summary>
    public static string ServiceName(string item) =>
        item.StartsWith(ServicePrefix, StringComparison.Ordinal) ? item[ServicePrefix.Length..] : item;

    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name[0] != '.' && !name.AsSpan().ContainsAnyExcept(NameCharacters);

    /// <summary>The services a server runs, each a backup item of its own; by role, as on a real network.</summary>
    public static IReadOnlyList<string> ServicesOf(ServerMessage server) => (server.Role, server.Profile) switch
    {
        (_, "ACCS") => ["contact-center"],
        (_, "IP500 V2") => [],
        ("primary", _) => ["web-manager", "one-x-portal"],
        ("ucm", _) => ["one-x-portal"],
        _ => ["web-manager"],
    };
}
