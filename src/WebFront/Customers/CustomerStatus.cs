using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;

namespace Com.WebFront.Customers;

/// <summary>
/// The customer list's status icon (SPEC CUST-1). "Needs attention" is known today; "new version available", "in
/// progress", "action completed" and "action failed" come with upgrades and jobs.
/// </summary>
public static class CustomerStatus
{
    /// <summary>Not green, or an alarm of major severity or worse is listed.</summary>
    public static bool NeedsAttention(CustomerSummary customer) =>
        customer.Connectivity.Light != TrafficLight.Green
        || customer.AlarmCounts.Of(AlarmSeverity.Critical) + customer.AlarmCounts.Of(AlarmSeverity.Major) > 0;
}
