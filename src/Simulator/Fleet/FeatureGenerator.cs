using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>Draws a system's remote-operation flags and the tunnels it allows to nearby servers.</summary>
internal static class FeatureGenerator
{
    private static readonly (string Application, int Port)[] Applications = [("SSH", 22), ("HTTPS", 443), ("RDP", 3389)];

    public static FlagsMessage Flags(Random random) => new(
        CentralManagement: random.NextDouble() < 0.9,
        CentralDiagnosticLog: random.NextDouble() < 0.6,
        RemoteUpgradeBackup: random.NextDouble() < 0.8,
        RemoteAccess: random.NextDouble() < 0.7,
        NearbyServers: random.NextDouble() < 0.3,
        AutomaticCertificates: random.NextDouble() < 0.5,
        AutomaticPhoneProvisioning: random.NextDouble() < 0.4);

    public static IReadOnlyList<TunnelMessage> Tunnels(Random random, int index, FlagsMessage flags)
    {
        if (!flags.NearbyServers)
            return [];
        var count = 1 + random.Next(2);
        return Enumerable.Range(0, count)
            .Select(t =>
            {
                var (application, port) = random.Pick(Applications);
                return new TunnelMessage($"192.168.{index % 250}.{20 + t}", port, application);
            })
            .ToList();
    }
}
