using Com.Grains.Interfaces.Customers;

namespace Com.WebFront.Customers;

/// <summary>Columns a customer list can be sorted by.</summary>
public enum CustomerSort { Name, Id, SystemName, Connectivity, Version, Servers, Alarms }

/// <summary>One page of a filtered, searched and sorted customer list, with the number of matches.</summary>
public sealed record CustomerPage(int Total, IReadOnlyList<CustomerSummary> Rows);

/// <summary>
/// A customer list query (filter by light, search across every text column, one sort column, one page), answered from
/// a web process's in-memory copy of the directory, so a list never waits on the cluster.
/// </summary>
public sealed record CustomerQuery(
    string? Search = null,
    TrafficLight? Light = null,
    CustomerSort Sort = CustomerSort.Name,
    bool Descending = false,
    int Page = 0,
    int PageSize = 50)
{
    public const int MaxPageSize = 500;
    public const int MaxSearchLength = 100;

    /// <summary>What is wrong with the query as a user would read it; null when it can run.</summary>
    public string? Problem() => this switch
    {
        { Page: < 0 } => "page must be 0 or more",
        { PageSize: < 0 or > MaxPageSize } => $"page size must be between 0 and {MaxPageSize}",
        { Search.Length: > MaxSearchLength } => $"search is limited to {MaxSearchLength} characters",
        _ when !Enum.IsDefined(Sort) => "unknown sort column",
        _ => null,
    };

    public CustomerPage Run(IEnumerable<CustomerSummary> customers)
    {
        var search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        var matches = customers.Where(c => Matches(c, search)).ToList();
        matches.Sort(Compare);
        var rows = matches.Skip(Page * PageSize).Take(PageSize).ToArray();
        return new CustomerPage(matches.Count, rows);
    }

    private bool Matches(CustomerSummary c, string? search) =>
        (Light is null || c.Connectivity.Light == Light)
        && (search is null || SearchedText(c).Any(text => text?.Contains(search, StringComparison.OrdinalIgnoreCase) == true));

    private static IEnumerable<string?> SearchedText(CustomerSummary c) => [c.Name, c.Id, c.SystemName, c.Version, c.Reseller, c.Distributor];

    private int Compare(CustomerSummary a, CustomerSummary b)
    {
        var order = Sort switch
        {
            CustomerSort.Id => string.CompareOrdinal(a.Id, b.Id),
            CustomerSort.SystemName => string.Compare(a.SystemName, b.SystemName, StringComparison.OrdinalIgnoreCase),
            CustomerSort.Connectivity => a.Connectivity.Light.CompareTo(b.Connectivity.Light),
            CustomerSort.Version => string.CompareOrdinal(a.Version, b.Version),
            CustomerSort.Servers => a.ServerCount.CompareTo(b.ServerCount),
            CustomerSort.Alarms => a.OngoingAlarms.CompareTo(b.OngoingAlarms),
            _ => 0,
        };
        // Ties fall back to the name, then the ID, so pages are stable whatever the sort.
        if (order == 0)
            order = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
        if (order == 0)
            order = string.CompareOrdinal(a.Id, b.Id);
        return Descending ? -order : order;
    }
}
