using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;

namespace Com.WebFront.Dashboard;

/// <summary>One slice of a dashboard chart: what it counts, and the list it opens.</summary>
public sealed record DashboardSlice(string Key, int Count);

/// <summary>
/// The dashboard's numbers (SPEC DASH-1), from the customers a user sees: customers by connectivity, listed alarms by
/// severity and by type, and customers by software version. Worked out from the directory copy in memory, so a
/// dashboard costs no call to the cluster however many customers there are.
/// </summary>
public sealed record DashboardFigures(
    IReadOnlyList<DashboardSlice> Connectivity,
    IReadOnlyList<DashboardSlice> Severities,
    IReadOnlyList<DashboardSlice> Categories,
    IReadOnlyList<DashboardSlice> Versions,
    int Customers,
    IReadOnlyList<DashboardSlice>? Tags = null)
{
    /// <summary>Customers by tag, the most common first; a customer with two tags counts in both.</summary>
    public IReadOnlyList<DashboardSlice> TagSlices => Tags ?? [];

    /// <summary>Versions (and tags) beyond this many, the least common, are not charted: a donut of 40 slices tells nothing.</summary>
    public const int MaxVersions = 12;

    public static DashboardFigures Of(IEnumerable<CustomerSummary> customers)
    {
        var lights = new int[3];
        var severities = new int[AlarmKinds.Severities.Count];
        var categories = new int[AlarmKinds.Categories.Count];
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var tags = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        foreach (var customer in customers)
        {
            count++;
            lights[(int)customer.Connectivity.Light]++;
            var tally = customer.AlarmCounts;
            for (var i = 0; i < severities.Length; i++)
                severities[i] += tally.BySeverity.ElementAtOrDefault(i);
            for (var i = 0; i < categories.Length; i++)
                categories[i] += tally.ByCategory.ElementAtOrDefault(i);
            if (!string.IsNullOrWhiteSpace(customer.Version))
                versions[customer.Version] = versions.GetValueOrDefault(customer.Version) + 1;
            foreach (var tag in customer.TagList)
                tags[tag] = tags.GetValueOrDefault(tag) + 1;
        }
        return new DashboardFigures(
            [.. Enum.GetValues<TrafficLight>().Select(l => new DashboardSlice(l.ToString(), lights[(int)l]))],
            [.. AlarmKinds.Severities.Select(s => new DashboardSlice(s.ToString(), severities[(int)s]))],
            [.. AlarmKinds.Categories.Select(c => new DashboardSlice(c.ToString(), categories[(int)c]))],
            Top(versions),
            count,
            Top(tags));
    }

    private static DashboardSlice[] Top(Dictionary<string, int> counts) =>
        [.. counts.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(MaxVersions).Select(v => new DashboardSlice(v.Key, v.Value))];
}
