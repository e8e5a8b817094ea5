using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;

namespace Com.Overview.Customers;

/// <summary>Whether a customer's new row changes what an alarm list shows, which most changes (a link, a version) do not.</summary>
internal static class AlarmListRelevance
{
    public static bool Changed(CustomerSummary? before, CustomerSummary? after) => (before, after) switch
    {
        (null, null) => false,
        (null, { } added) => HasAlarms(added),
        ({ } removed, null) => HasAlarms(removed),
        ({ } b, { } a) => !SameTally(b.AlarmCounts, a.AlarmCounts) || b.OngoingAlarms != a.OngoingAlarms
            || (HasAlarms(a) && !SameView(b, a)),
    };

    private static bool HasAlarms(CustomerSummary c) => c.AlarmCounts.Total > 0 || c.OngoingAlarms > 0;

    private static bool SameTally(AlarmTally a, AlarmTally b) =>
        a.Ongoing == b.Ongoing && a.BySeverity.SequenceEqual(b.BySeverity) && a.ByCategory.SequenceEqual(b.ByCategory);

    /// <summary>The alarm list shows the name and limits rows to customers a user sees (by reseller, distributor or operator).</summary>
    private static bool SameView(CustomerSummary a, CustomerSummary b) =>
        a.Name == b.Name && a.Reseller == b.Reseller && a.Distributor == b.Distributor && a.OperatorList.SequenceEqual(b.OperatorList);
}
