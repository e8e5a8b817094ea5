using System.Security.Cryptography.X509Certificates;
using Polly;

namespace Com.Simulator;

/// <summary>What every simulated device of a run shares; <see cref="LinkRotation"/> says which of the links a device uses.</summary>
internal sealed record DeviceEnvironment(
    IReadOnlyList<Uri> Links,
    X509Certificate2 Trusted,
    ResiliencePipeline Reconnect,
    FleetAlarms Alarms,
    RefusalTally Refusals,
    double AlarmsPerMinute,
    TextWriter Log,
    CommandSettings Commands)
{
    public FleetCounters Counters => Alarms.Counters;
}
