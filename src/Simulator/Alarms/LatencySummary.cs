namespace Com.Simulator;

/// <summary>Ack latencies of a period in milliseconds; the percentiles are null when no ack arrived.</summary>
internal sealed record LatencySummary(int Count, double? P50, double? P99, double? Max)
{
    /// <summary>Sorts <paramref name="milliseconds"/> in place; nearest-rank percentiles, so every value is one really measured.</summary>
    public static LatencySummary Of(List<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
            return new LatencySummary(0, null, null, null);
        milliseconds.Sort();
        return new LatencySummary(milliseconds.Count, Rank(milliseconds, 0.50), Rank(milliseconds, 0.99), milliseconds[^1]);
    }

    private static double Rank(List<double> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
