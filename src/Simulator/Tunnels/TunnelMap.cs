using System.Globalization;
using System.Text.Json;

namespace Com.Simulator;

/// <summary>
/// Where a simulated system's tunnels really go: each simulated address and port maps to a port on 127.0.0.1, so tests
/// reach a real sshd, web server or iperf3 on this machine. A file of
/// <c>{ "10.0.0.5:22": 2222, "*:443": 8443 }</c>; <c>*</c> stands for any address. Nothing else is ever connected to.
/// </summary>
public sealed class TunnelMap
{
    private readonly Dictionary<string, int> ports;

    private TunnelMap(Dictionary<string, int> ports) => this.ports = ports;

    public static TunnelMap Empty { get; } = new([]);

    /// <summary>The loopback port for a target, or null when the map has none: the system reports it unreachable.</summary>
    public int? PortFor(string address, int port) =>
        ports.TryGetValue($"{address.ToLowerInvariant()}:{port}", out var exact) ? exact
        : ports.TryGetValue($"*:{port}", out var any) ? any
        : null;

    public static TunnelMap Load(string path)
    {
        Dictionary<string, int>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new FormatException($"--tunnel-map {path} is not a JSON object of \"address:port\": loopback port ({e.Message}).", e);
        }
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, local) in entries ?? [])
        {
            var colon = key.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(key.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new FormatException($"--tunnel-map {path}: '{key}' is not address:port.");
            if (local is < 1 or > 65535)
                throw new FormatException($"--tunnel-map {path}: '{key}' maps to {local}, not a port.");
            ports[key.ToLowerInvariant()] = local;
        }
        return new TunnelMap(ports);
    }
}
