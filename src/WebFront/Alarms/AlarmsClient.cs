using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;
using Com.WebFront.Accounts;
using Com.Overview.Customers;

namespace Com.WebFront.Alarms;

/// <summary>What the alarm list shows: its filter, search, sort and page.</summary>
public sealed record AlarmFilter(
    string? CustomerId = null,
    AlarmSeverity? Severity = null,
    AlarmCategory? Category = null,
    string? Search = null,
    AlarmSort Sort = AlarmSort.LastAt,
    bool Descending = true,
    int Page = 0,
    int PageSize = 25);

/// <summary>
/// The alarm pages' door to the cluster, acting as the signed-in user: queries are limited to the customers the user
/// sees (worked out here from this process's directory copy), and clearing goes through each customer's grain, which
/// checks the user again.
/// </summary>
public sealed class AlarmsClient(IGrainFactory grains, CurrentUser user, CustomerDirectoryFeed directory)
{
    /// <summary>Clears run this many customers at a time, so "clear all of a type" over thousands stays gentle.</summary>
    private const int ClearParallelism = 16;

    public async Task<AlarmListPage> QueryAsync(AlarmFilter filter)
    {
        var scope = await user.ScopeAsync();
        var visible = directory.Snapshot().Where(scope.Includes).ToList();
        string[]? customers = scope.All ? null : [.. visible.Select(c => c.Id)];
        if (filter.CustomerId is { } only)
            customers = visible.Any(c => c.Id == only) ? [only] : [];
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        string[]? names = search is null ? null
            : [.. visible.Where(c => c.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase)).Select(c => c.Id)];
        var query = new AlarmListQuery(customers, filter.Severity, filter.Category, search, names, filter.Sort, filter.Descending, filter.Page, filter.PageSize);
        return await grains.GetGrain<IAlarmListGrain>(0).QueryAsync(query);
    }

    /// <summary>Names of the customers the user sees, by ID, for the list's customer column.</summary>
    public IReadOnlyDictionary<string, string> CustomerNames() => directory.Snapshot().ToDictionary(c => c.Id, c => c.Name);

    public async Task<AlarmClearResult> ClearAsync(IEnumerable<AlarmRow> rows)
    {
        var actor = await user.ActorAsync() ?? throw new AccountRejectedException("NotAllowed");
        var byCustomer = rows.GroupBy(r => r.CustomerId).ToList();
        return await SumAsync(byCustomer, group => Customer(group.Key).ClearAlarmsAsync(actor, [.. group.Select(r => r.Key)]));
    }

    /// <summary>Clears every ended alarm of <paramref name="category"/> of every customer the user sees.</summary>
    public async Task<AlarmClearResult> ClearTypeAsync(AlarmCategory category)
    {
        var actor = await user.ActorAsync() ?? throw new AccountRejectedException("NotAllowed");
        var scope = await user.ScopeAsync();
        var customers = directory.Snapshot().Where(c => scope.Includes(c) && c.AlarmCounts.Of(category) > 0).ToList();
        return await SumAsync(customers, c => Customer(c.Id).ClearAlarmTypeAsync(actor, category));
    }

    private ICustomerAlarmsGrain Customer(string id) => grains.GetGrain<ICustomerAlarmsGrain>(CustomerIds.GrainKey(id));

    private static async Task<AlarmClearResult> SumAsync<T>(IEnumerable<T> items, Func<T, Task<AlarmClearResult>> clear)
    {
        var (cleared, kept) = (0, 0);
        var gate = new Lock();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = ClearParallelism }, async (item, _) =>
        {
            var result = await clear(item);
            lock (gate)
                (cleared, kept) = (cleared + result.Cleared, kept + result.KeptOngoing);
        });
        return new AlarmClearResult(cleared, kept);
    }
}
