using System.Security.Cryptography.X509Certificates;
using Polly;

namespace Com.Simulator;

/// <summary>
/// What every simulated device of a run shares; <see cref="LinkRotation"/> says which of the links a device uses.
/// <paramref name="Tunnels"/> maps tunnel targets to loopback ports; without it every tunnel is unreachable.
/// </summary>
internal sealed record DeviceEnvironment(
    IReadOnlyList<Uri> Links,
    X509Certificate2 Trusted,
    ResiliencePipeline Reconnect,
    FleetAlarms Alarms,
    RefusalTally Refusals,
    double AlarmsPerMinute,
    TextWriter Log,
    CommandSettings Commands,
    TunnelMap? Tunnels = null)
{
    public FleetCounters Counters => Alarms.Counters;
}
