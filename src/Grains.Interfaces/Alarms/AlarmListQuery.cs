namespace Com.Grains.Interfaces.Alarms;

/// <summary>Columns the alarm list can be sorted by.</summary>
[GenerateSerializer, Alias("com.AlarmSort")]
public enum AlarmSort
{
    LastAt = 0,
    FirstAt = 1,
    Severity = 2,
    Category = 3,
    Customer = 4,
    Server = 5,
    Description = 6,
    Occurrences = 7,
}

/// <summary>
/// One page of the alarm list (SPEC ALRM-3). <see cref="Customers"/> is the caller's scope (null: every customer);
/// the search looks in server and description, and <see cref="NameMatches"/> adds customers whose name matched it.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.AlarmListQuery.v1")]
public sealed record AlarmListQuery(
    [property: Id(0)] string[]? Customers = null,
    [property: Id(1)] AlarmSeverity? Severity = null,
    [property: Id(2)] AlarmCategory? Category = null,
    [property: Id(3)] string? Search = null,
    [property: Id(4)] string[]? NameMatches = null,
    [property: Id(5)] AlarmSort Sort = AlarmSort.LastAt,
    [property: Id(6)] bool Descending = true,
    [property: Id(7)] int Page = 0,
    [property: Id(8)] int PageSize = 50)
{
    public const int MaxPageSize = 500;
    public const int MaxSearchLength = 100;

    /// <summary>What is wrong with the query as a user would read it; null when it can run.</summary>
    public string? Problem() => this switch
    {
        { Page: < 0 } => "page must be 0 or more",
        { PageSize: < 1 or > MaxPageSize } => $"page size must be between 1 and {MaxPageSize}",
        { Search.Length: > MaxSearchLength } => $"search is limited to {MaxSearchLength} characters",
        _ when !Enum.IsDefined(Sort) => "unknown sort column",
        _ when Severity is { } s && !Enum.IsDefined(s) => "unknown severity",
        _ when Category is { } c && !Enum.IsDefined(c) => "unknown type",
        _ => null,
    };
}

/// <summary>
/// A page of alarms, the number matching the whole query, and counts per severity and per type over the scope and search
/// alone, so the summary chips keep their numbers while one of them filters the list.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.AlarmListPage.v1")]
public sealed record AlarmListPage(
    [property: Id(0)] int Total,
    [property: Id(1)] AlarmRow[] Rows,
    [property: Id(2)] int[] BySeverity,
    [property: Id(3)] int[] ByCategory);

/// <summary>Runs alarm list queries against PostgreSQL, on whichever silo is closest. Key: 0.</summary>
[Alias("com.IAlarmListGrain")]
public interface IAlarmListGrain : IGrainWithIntegerKey
{
    /// <exception cref="ArgumentException">The query is malformed (<see cref="AlarmListQuery.Problem"/>).</exception>
    [Alias("Query")]
    Task<AlarmListPage> QueryAsync(AlarmListQuery query);
}
