using System.Globalization;
using Com.Grains.Interfaces.Customers;
using Com.Overview.Customers;

namespace Com.Silo.Provisioning;

/// <summary>Reads a list query from <c>?search=&amp;light=&amp;sort=&amp;desc=&amp;page=&amp;size=</c>, naming the first bad parameter.</summary>
internal static class CustomerListRequest
{
    public static (CustomerQuery? Query, string? Problem) Parse(IQueryCollection query)
    {
        TrafficLight? light = null;
        if (query["light"].ToString() is { Length: > 0 } lightText)
        {
            if (!Enum.TryParse<TrafficLight>(lightText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(lightText, out _))
                return (null, "light must be red, orange or green");
            light = parsed;
        }
        var sort = CustomerSort.Name;
        if (query["sort"].ToString() is { Length: > 0 } sortText
            && (!Enum.TryParse(sortText, ignoreCase: true, out sort) || !Enum.IsDefined(sort) || int.TryParse(sortText, out _)))
            return (null, $"sort must be one of {string.Join(", ", Enum.GetNames<CustomerSort>().Select(n => n.ToLowerInvariant()))}");
        var descending = false;
        if (query["desc"].ToString() is { Length: > 0 } descText && !bool.TryParse(descText, out descending))
            return (null, "desc must be true or false");
        if (!TryInt(query, "page", 0, out var page) || !TryInt(query, "size", 50, out var size))
            return (null, "page and size must be whole numbers");
        var parsedQuery = new CustomerQuery(query["search"].ToString(), light, sort, descending, page, size);
        return parsedQuery.Problem() is { } problem ? (null, problem) : (parsedQuery, null);
    }

    private static bool TryInt(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        var text = query[name].ToString();
        return text.Length == 0 || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
