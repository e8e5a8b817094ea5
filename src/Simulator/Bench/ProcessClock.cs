using System.Diagnostics;

namespace Com.Simulator;

/// <summary>Seconds since this process started, the time axis of the stats file.</summary>
internal static class ProcessClock
{
    private static readonly DateTime StartedUtc = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static double Seconds => (DateTime.UtcNow - StartedUtc).TotalSeconds;
}
