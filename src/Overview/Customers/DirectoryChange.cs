using Com.Grains.Interfaces.Customers;

namespace Com.Overview.Customers;

/// <summary>
/// Which customers one change of the directory copy touched, so a page redraws only for what it shows. A full reload
/// touched everything: the copy may have moved in ways no batch listed.
/// </summary>
public sealed class DirectoryChange
{
    private readonly IReadOnlySet<string>? customers;
    private readonly IReadOnlyList<CustomerSummary> alarmListRows;

    private DirectoryChange(IReadOnlySet<string>? customers, IReadOnlyList<CustomerSummary> alarmListRows) =>
        (this.customers, this.alarmListRows) = (customers, alarmListRows);

    public static DirectoryChange Everything { get; } = new(null, []);

    /// <param name="customers">IDs of every row the batch changed, added or removed.</param>
    /// <param name="alarmListRows">Rows, as they were and as they are, of customers whose change an alarm list shows.</param>
    public static DirectoryChange Of(IReadOnlySet<string> customers, IReadOnlyList<CustomerSummary> alarmListRows) => new(customers, alarmListRows);

    public bool IsEverything => customers is null;

    /// <summary>IDs of the changed customers; every customer when <see cref="IsEverything"/>.</summary>
    public IReadOnlySet<string>? Customers => customers;

    public bool Touches(string customerId) => customers is null || customers.Contains(customerId);

    /// <summary>
    /// Whether an alarm list showing the customers <paramref name="visible"/> accepts can look different now: a shown
    /// customer's alarm tally changed, or a customer with alarms was renamed, moved in or out of view, added or removed.
    /// </summary>
    public bool MovesAlarmsOf(Func<CustomerSummary, bool> visible) => customers is null || alarmListRows.Any(visible);
}
