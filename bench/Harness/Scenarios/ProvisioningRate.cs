using Com.Harness.Cluster;

namespace Com.Harness.Scenarios;

/// <summary>
/// The provisioning rate at a fleet size: customers created per second over the last <see cref="Tail"/> customers, in
/// the windows between the simulator's fleet-file saves (every 100 customers). The average from empty would hide a
/// rate that falls as the fleet grows, which is what issue 15 asks to rule out.
/// </summary>
public static class ProvisioningRate
{
    public const int Tail = 500;
    public const string Scenario = "provisioning";
    public const string TailMeasure = "customers created per second over the last 500, per window of 100";
    private const double Tolerance = 1.5;

    /// <summary>The rate of each window that ends within the last <see cref="Tail"/> customers; one window from empty for small fleets.</summary>
    public static List<double> LastWindows(IReadOnlyList<FleetFileWatch.Point> points, int customers)
    {
        var from = Math.Max(0, customers - Tail);
        var rates = new List<double>();
        for (var i = 1; i < points.Count; i++)
        {
            var (start, end) = (points[i - 1], points[i]);
            var seconds = (end.At - start.At).TotalSeconds;
            if (start.Created >= from && seconds > 0)
                rates.Add((end.Created - start.Created) / seconds);
        }
        return rates;
    }

    /// <summary>
    /// Compares every fleet size's tail rate with the smallest size's from the same invocation: the ratio column is
    /// then "rate at N / rate at the smallest N", and the target is issue 15's "within 1.5×".
    /// </summary>
    public static IEnumerable<Measurement> Compared(IReadOnlyList<Measurement> results)
    {
        var tails = results.Where(r => r is { Scenario: Scenario, Measure: TailMeasure } && r.Com.Count > 0).ToList();
        var smallest = tails.MinBy(r => FleetOf(r));
        foreach (var row in results)
        {
            if (smallest is null || !tails.Contains(row) || ReferenceEquals(row, smallest))
            {
                yield return row;
                continue;
            }
            var baseline = smallest.Median;
            yield return row with
            {
                Baseline = baseline,
                Target = $"≥ rate at {smallest.Fleet} / {Tolerance}",
                Met = row.Median * Tolerance >= baseline,
                Note = $"baseline: the rate at {smallest.Fleet} in this run",
            };
        }
    }

    private static int FleetOf(Measurement row) =>
        int.Parse(row.Fleet.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
