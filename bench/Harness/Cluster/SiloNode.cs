using System.Globalization;

namespace Com.Harness.Cluster;

/// <summary>One COM silo process of the benchmark cluster, with its ports on its host.</summary>
public sealed class SiloNode(int index, BenchHost host, ManagedProcess process) : IAsyncDisposable
{
    public int Index => index;

    public BenchHost Host => host;

    public ManagedProcess Process => process;

    public int WebPort => WebPortOf(index);

    public Uri WebBase => new($"https://{host.Address}:{WebPort}");

    public Uri LinkUri => LinkUriOf(index, host);

    public static Uri LinkUriOf(int index, BenchHost host) => new($"wss://{host.Address}:{DevicePortOf(index)}/cpe/link");

    public static int WebPortOf(int index) => 17080 + index;

    public static int DevicePortOf(int index) => 17440 + index;

    public static int ProxyPortOf(int index) => 16440 + index;

    public static int RelayPortOf(int index) => 18440 + index;

    public static Dictionary<string, string> Settings(int index, BenchHost host, string connectionString, string certificate, string token) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Com__Database__ConnectionString"] = connectionString,
        ["Com__Cluster__SiloName"] = $"bench-{host.Name}",
        ["Com__Cluster__SiloPort"] = Text(21110 + index),
        ["Com__Cluster__GatewayPort"] = Text(31000 + index),
        ["Com__Cluster__AdvertisedAddress"] = host.Address,
        ["Com__Web__Port"] = Text(WebPortOf(index)),
        ["Com__Web__ListenAddress"] = host.Address,
        ["Com__Web__CertificatePath"] = certificate,
        ["Com__Devices__Port"] = Text(DevicePortOf(index)),
        ["Com__Devices__ListenAddress"] = host.Address,
        ["Com__RemoteSupport__Port"] = Text(ProxyPortOf(index)),
        ["Com__RemoteSupport__ListenAddress"] = host.Address,
        ["Com__RemoteSupport__RelayPort"] = Text(RelayPortOf(index)),
        // Every simulated device comes from one address; the per-address guard would refuse the fleet.
        ["Com__Devices__AttemptsPerAddressPerMinute"] = "100000",
        ["Com__Provisioning__Token"] = token,
        // A run crossing 02:00 in a simulated system's zone must not start backups mid-storm; the nightly scenario turns it on.
        ["Com__Backups__Nightly__Enabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
