using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>Draws alarms like the ones customer systems raise, spread over severities and categories.</summary>
internal static class AlarmFactory
{
    private static readonly (string Category, string Description)[] Kinds =
    [
        ("configuration", "Configuration changed by Administrator"),
        ("configuration", "Licence expires in 7 days"),
        ("trunk", "SIP trunk 3 out of service"),
        ("trunk", "PRI line 1 layer 1 down"),
        ("link", "IP Office line 17 to {0} down"),
        ("link", "Small community network link to {0} lost"),
        ("services", "Voicemail Pro not reachable"),
        ("services", "one-X Portal service stopped"),
        ("qos", "Jitter above threshold on trunk 2"),
        ("qos", "Packet loss 4% on extension 2104"),
        ("security", "Repeated failed logins from 203.0.113.7"),
        ("security", "Certificate expires in 14 days"),
    ];

    // Mostly minor noise with the occasional critical, as real fleets look.
    private static readonly string[] Severities =
        ["warning", "warning", "minor", "minor", "minor", "major", "major", "critical"];

    public static AlarmMessage Raise(IReadOnlyList<ServerMessage> servers)
    {
        var server = servers[Random.Shared.Next(servers.Count)];
        var peer = servers[Random.Shared.Next(servers.Count)];
        var (category, description) = Kinds[Random.Shared.Next(Kinds.Length)];
        return new AlarmMessage(
            Id: null,
            Server: server.Name,
            Severity: Severities[Random.Shared.Next(Severities.Length)],
            Category: category,
            Description: string.Format(System.Globalization.CultureInfo.InvariantCulture, description, peer.Address),
            Ongoing: true);
    }

    public static AlarmMessage Clear(AlarmMessage raised) => raised with { Ongoing = false };
}
