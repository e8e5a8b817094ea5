using Com.Grains.Interfaces.Customers;

namespace Com.Overview.Customers;

/// <summary>Columns a customer list can be sorted by.</summary>
public enum CustomerSort { Name, Id, SystemName, Connectivity, Version, Servers, Alarms, Profile, Operators, Tags, Notes }

/// <summary>One page of a filtered, searched and sorted customer list, with the number of matches.</summary>
public sealed record CustomerPage(int Total, IReadOnlyList<CustomerSummary> Rows);

/// <summary>What the filter panel sets (SPEC CUST-2); null fields do not filter.</summary>
public sealed record CustomerFilter(
    TrafficLight? Light = null,
    SystemProfile? Profile = null,
    string? Version = null,
    string? Tag = null,
    bool WithAlarms = false)
{
    public static CustomerFilter None { get; } = new();

    public bool IsEmpty => this == None;

    public bool Matches(CustomerSummary c) =>
        (Light is null || c.Connectivity.Light == Light)
        && (Profile is null || c.Profile == Profile)
        && (Version is null || c.Version == Version)
        && (Tag is null || c.TagList.Contains(Tag, StringComparer.OrdinalIgnoreCase))
        && (!WithAlarms || c.AlarmCounts.Total > 0);
}

/// <summary>
/// A customer list query (filter, search across every text column, one sort column, one page), answered from a web
/// process's in-memory copy of the directory, so a list never waits on the cluster.
/// </summary>
public sealed record CustomerQuery(
    string? Search = null,
    TrafficLight? Light = null,
    CustomerSort Sort = CustomerSort.Name,
    bool Descending = false,
    int Page = 0,
    int PageSize = 50,
    CustomerFilter? Filter = null)
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
        var matches = Matching(customers);
        return new CustomerPage(matches.Count, [.. matches.Skip(Page * PageSize).Take(PageSize)]);
    }

    /// <summary>Every match, sorted, ignoring the page: for a table that pages for itself.</summary>
    public IReadOnlyList<CustomerSummary> Matching(IEnumerable<CustomerSummary> customers)
    {
        var search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        var filter = Filter ?? CustomerFilter.None;
        var matches = customers.Where(c => (Light is null || c.Connectivity.Light == Light) && filter.Matches(c) && Matches(c, search)).ToList();
        matches.Sort(Compare);
        return matches;
    }

    private static bool Matches(CustomerSummary c, string? search) =>
        search is null || SearchedText(c).Any(text => text?.Contains(search, StringComparison.OrdinalIgnoreCase) == true);

    private static IEnumerable<string?> SearchedText(CustomerSummary c) =>
        [c.Name, c.Id, c.SystemName, c.Version, c.Reseller, c.Distributor, c.Notes, .. c.TagList, .. c.OperatorList];

    private int Compare(CustomerSummary a, CustomerSummary b)
    {
        var order = Sort switch
        {
            CustomerSort.Id => string.CompareOrdinal(a.Id, b.Id),
            CustomerSort.SystemName => string.Compare(a.SystemName, b.SystemName, StringComparison.OrdinalIgnoreCase),
            CustomerSort.Connectivity => a.Connectivity.Light.CompareTo(b.Connectivity.Light),
            CustomerSort.Version => VersionOrder(a.Version, b.Version),
            CustomerSort.Servers => a.ServerCount.CompareTo(b.ServerCount),
            CustomerSort.Alarms => a.AlarmCounts.Total.CompareTo(b.AlarmCounts.Total),
            CustomerSort.Profile => a.Profile.CompareTo(b.Profile),
            CustomerSort.Operators => string.Compare(string.Join(",", a.OperatorList), string.Join(",", b.OperatorList), StringComparison.OrdinalIgnoreCase),
            CustomerSort.Tags => string.Compare(string.Join(",", a.TagList), string.Join(",", b.TagList), StringComparison.OrdinalIgnoreCase),
            CustomerSort.Notes => string.Compare(a.Notes, b.Notes, StringComparison.OrdinalIgnoreCase),
            _ => 0,
        };
        // Ties fall back to the name, then the ID, so pages are stable whatever the sort.
        if (order == 0)
            order = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
        if (order == 0)
            order = string.CompareOrdinal(a.Id, b.Id);
        return Descending ? -order : order;
    }

    /// <summary>
    /// "9.1" before "11.0": versions that parse come first, by their numbers; the others after, as text. Two groups keep
    /// the order consistent, which a mix of numeric and text comparisons would not be.
    /// </summary>
    private static int VersionOrder(string? a, string? b)
    {
        var (pa, pb) = (System.Version.TryParse(a, out var va), System.Version.TryParse(b, out var vb));
        return (pa, pb) switch
        {
            (true, true) => va!.CompareTo(vb),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(a, b),
        };
    }
}
