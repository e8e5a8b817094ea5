using System.Collections.Concurrent;
using System.Globalization;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// Which devices COM refuses, by reason. The first refusals are printed one by one; after that only the
/// counts are, so a load test with thousands of refused devices does not bury the summary.
/// </summary>
internal sealed class RefusalTally(TextWriter log)
{
    private const int PrintedOneByOne = 30;

    private readonly ConcurrentDictionary<string, int> _devicesByReason = new(StringComparer.Ordinal);
    private int _printed;
    private string _lastBreakdown = string.Empty;

    /// <summary>A device is now refused for this reason (it was not, or for another one).</summary>
    public void Enter(CustomerPlan customer, LinkRefusedException refused)
    {
        _devicesByReason.AddOrUpdate(refused.Reason, 1, static (_, n) => n + 1);
        var printed = Interlocked.Increment(ref _printed);
        if (printed <= PrintedOneByOne)
        {
            log.WriteLine($"{customer.Name} ({FaultNames.NameOf(customer.Fault)}): refused: {refused.Reason}: {refused.Message}{Hint(refused.Reason)}");
        }
        else if (printed == PrintedOneByOne + 1)
        {
            log.WriteLine("Further refusals are only counted, by reason, under the summary.");
        }
    }

    public void Leave(string reason) => _devicesByReason.AddOrUpdate(reason, 0, static (_, n) => n - 1);

    /// <summary>The refused devices by reason, or null when that has not changed since the last call.</summary>
    public string? TakeChangedBreakdown()
    {
        var breakdown = string.Join(' ', _devicesByReason
            .Where(r => r.Value > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key}={r.Value}")));
        if (breakdown == _lastBreakdown)
            return null;
        _lastBreakdown = breakdown;
        return breakdown.Length > 0 ? breakdown : "none";
    }

    // The usual cause is a fleet file from before COM's database was reset.
    private static string Hint(string reason) => reason == RefusalReasons.UnknownCustomer
        ? " (COM does not know this customer; delete the fleet file or use another --fleet-file to create the fleet again)"
        : string.Empty;
}
