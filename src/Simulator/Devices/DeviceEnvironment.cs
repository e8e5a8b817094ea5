using System.Security.Cryptography.X509Certificates;
using Polly;

namespace Com.Simulator;

/// <summary>What every simulated device of a run shares.</summary>
internal sealed record DeviceEnvironment(
    Uri LinkUri,
    X509Certificate2 Trusted,
    ResiliencePipeline Reconnect,
    FleetCounters Counters,
    RefusalTally Refusals,
    double AlarmsPerMinute,
    TextWriter Log);
