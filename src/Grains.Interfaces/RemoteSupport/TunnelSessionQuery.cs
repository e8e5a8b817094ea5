namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>Which tunnels the list shows.</summary>
[GenerateSerializer, Alias("com.TunnelSessionState")]
public enum TunnelSessionState
{
    All = 0,
    Live = 1,
    Ended = 2,
}

/// <summary>Columns the tunnel list can be sorted by.</summary>
[GenerateSerializer, Alias("com.TunnelSessionSort")]
public enum TunnelSessionSort
{
    Account = 0,
    Customer = 1,
    Target = 2,
    Client = 3,
    Silo = 4,
    StartedAt = 5,
    EndedAt = 6,
    Duration = 7,
    BytesUp = 8,
    BytesDown = 9,
    EndReason = 10,
}

/// <summary>
/// One page of the tunnel audit (SPEC RS-6). The search looks in the account, customer ID, target, client address,
/// silo and end reason; <see cref="Customers"/> adds the customers whose name matched it, which only the caller's copy
/// of the directory knows. <see cref="Sort"/> null is the default order, newest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.TunnelSessionQuery.v1")]
public sealed record TunnelSessionQuery(
    [property: Id(0)] TunnelSessionState State = TunnelSessionState.All,
    [property: Id(1)] string? Search = null,
    [property: Id(2)] string[]? Customers = null,
    [property: Id(3)] TunnelSessionSort? Sort = null,
    [property: Id(4)] bool Descending = true,
    [property: Id(5)] int Page = 0,
    [property: Id(6)] int PageSize = 25)
{
    public const int MaxPageSize = 500;
    public const int MaxSearchLength = 100;

    /// <summary>What is wrong with the query as a user would read it; null when it can run.</summary>
    public string? Problem() => this switch
    {
        { Page: < 0 } => "page must be 0 or more",
        { PageSize: < 1 or > MaxPageSize } => $"page size must be between 1 and {MaxPageSize}",
        { Search.Length: > MaxSearchLength } => $"search is limited to {MaxSearchLength} characters",
        { Customers.Length: > 1000 } => "too many customers matched the search",
        _ when Sort is { } s && !Enum.IsDefined(s) => "unknown sort column",
        _ when !Enum.IsDefined(State) => "unknown state",
        _ => null,
    };
}

/// <summary>A page of tunnels and how many match the whole query.</summary>
[GenerateSerializer, Immutable, Alias("com.TunnelSessionPage.v1")]
public sealed record TunnelSessionPage([property: Id(0)] int Total, [property: Id(1)] TunnelSessionRow[] Rows);
