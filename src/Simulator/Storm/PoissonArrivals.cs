using System.Diagnostics;

namespace Com.Simulator;

/// <summary>
/// Arrival times of a Poisson process in <see cref="Stopwatch"/> ticks: exponential gaps give the bursts and
/// lulls of real alarm floods. The storm asks for every arrival due by a tick rather than waiting for each.
/// </summary>
internal sealed class PoissonArrivals(double ratePerSecond, Random random, long start)
{
    public double Next { get; private set; } = start + Gap(ratePerSecond, random);

    public void Advance() => Next += Gap(ratePerSecond, random);

    private static double Gap(double ratePerSecond, Random random) =>
        ratePerSecond > 0 ? -Math.Log(1 - random.NextDouble()) / ratePerSecond * Stopwatch.Frequency : double.PositiveInfinity;
}
