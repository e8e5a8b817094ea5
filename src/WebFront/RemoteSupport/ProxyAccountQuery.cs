using Com.Grains.Interfaces.RemoteSupport;

namespace Com.WebFront.RemoteSupport;

/// <summary>The columns the account list sorts by.</summary>
public enum ProxyAccountSort
{
    Name,
    Owner,
    Credentials,
    UserName,
    SetBy,
    SetAt,
}

/// <summary>What the account list shows: its filter, search, sort (null: resellers then distributors, by name) and page.</summary>
public sealed record ProxyAccountFilter(
    ProxyAccountOwner? Owner = null,
    bool? HasCredentials = null,
    string? Search = null,
    ProxyAccountSort? Sort = null,
    bool Descending = true,
    int Page = 0,
    int PageSize = 25)
{
    public const int MaxSearchLength = 100;
}

/// <summary>One page of accounts and how many match in all.</summary>
public sealed record ProxyAccountPage(int Total, ProxyAccountView[] Rows);

public static class ProxyAccountQuery
{
    public static ProxyAccountPage Apply(IEnumerable<ProxyAccountView> accounts, ProxyAccountFilter filter)
    {
        var search = filter.Search?.Trim();
        var matching = accounts
            .Where(a => filter.Owner is null || a.Owner == filter.Owner)
            .Where(a => filter.HasCredentials is null || a.HasCredentials == filter.HasCredentials)
            .Where(a => string.IsNullOrEmpty(search) || new[] { a.Name, a.UserName, a.SetBy }.Any(t => t?.Contains(search, StringComparison.CurrentCultureIgnoreCase) == true))
            .ToList();
        var text = StringComparer.CurrentCultureIgnoreCase;
        IOrderedEnumerable<ProxyAccountView> ordered = filter.Sort switch
        {
            null => matching.OrderBy(a => a.Owner).ThenBy(a => a.Name, text),
            ProxyAccountSort.Owner => By(matching, a => a.Owner, filter.Descending).ThenBy(a => a.Name, text),
            ProxyAccountSort.Credentials => By(matching, a => a.HasCredentials, filter.Descending).ThenBy(a => a.Name, text),
            ProxyAccountSort.UserName => By(matching, a => a.UserName ?? "", filter.Descending, text).ThenBy(a => a.Name, text),
            ProxyAccountSort.SetBy => By(matching, a => a.SetBy ?? "", filter.Descending, text).ThenBy(a => a.Name, text),
            ProxyAccountSort.SetAt => By(matching, a => a.SetAt ?? DateTimeOffset.MinValue, filter.Descending).ThenBy(a => a.Name, text),
            _ => By(matching, a => a.Name, filter.Descending, text).ThenBy(a => a.Owner),
        };
        var size = Math.Max(1, filter.PageSize);
        return new ProxyAccountPage(matching.Count, [.. ordered.Skip(Math.Max(0, filter.Page) * size).Take(size)]);
    }

    private static IOrderedEnumerable<ProxyAccountView> By<TKey>(
        IEnumerable<ProxyAccountView> rows, Func<ProxyAccountView, TKey> key, bool descending, IComparer<TKey>? comparer = null) =>
        descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
}
