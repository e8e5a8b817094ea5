using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>Draws a plausible network of servers for one customer system.</summary>
internal static class NetworkGenerator
{
    private static readonly string[] Sites = ["Lyon", "Leeds", "Berlin", "Madrid", "Ghent", "Turin", "Oslo", "Porto", "Bristol", "Lille"];
    private static readonly string[] Suffixes = ["HQ", "Main", "Office", "Campus", "Plant"];
    // Spaces and hyphens appear in real system names, and COM must keep them apart in proxy host names.
    private static readonly string[] Separators = ["-", " ", ""];
    private static readonly string[] CurrentVersions = ["11.1.1.0", "11.1.3.2", "11.1.3.2", "12.1.0.0", "12.1.0.0"];
    private static readonly string[] LegacyVersions = ["11.0.4.0", "10.1.0.0"];

    public static (SystemInfo System, IReadOnlyList<ServerMessage> Servers) Create(Random random, int index, int serverCount, bool legacy)
    {
        var name = random.Pick(Sites) + random.Pick(Separators) + random.Pick(Suffixes);
        var version = random.Pick(legacy ? LegacyVersions : CurrentVersions);
        var profile = PrimaryProfile(random, legacy);
        var servers = new List<ServerMessage> { new(name, "primary", Address(index, 0), profile, version) };
        for (var k = 1; k < serverCount; k++)
        {
            var (role, serverProfile) = OtherServer(random, profile, k);
            servers.Add(new ServerMessage($"{name}-{role.ToUpperInvariant()[..3]}{k}", role, Address(index, k), serverProfile, version));
        }
        return (new SystemInfo(name, profile, version), servers);
    }

    private static string PrimaryProfile(Random random, bool legacy)
    {
        var current = random.NextDouble() < 0.45 ? "IP500 V2" : "Server Edition";
        return legacy && random.Next(2) == 0 ? "Legacy" : current;
    }

    private static (string Role, string Profile) OtherServer(Random random, string primaryProfile, int position)
    {
        if (position == 1 && primaryProfile == "Server Edition" && random.NextDouble() < 0.7)
            return ("secondary", "Server Edition");
        return random.Next(5) switch
        {
            0 => ("application", "ACCS"),
            1 => ("ucm", "Server Edition"),
            2 => ("expansion", "Server Edition"),
            _ => ("expansion", "IP500 V2"),
        };
    }

    // Each customer gets its own /24 so addresses never collide across the fleet.
    private static string Address(int index, int position) => $"10.{(index >> 8) & 0xff}.{index & 0xff}.{10 + position}";
}
