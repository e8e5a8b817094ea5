namespace Com.Grains.Interfaces.Customers;

/// <summary>One row of the customer list and one unit of the dashboard counts.</summary>
[GenerateSerializer, Immutable, Alias("com.CustomerSummary.v1")]
public sealed record CustomerSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? SystemName,
    [property: Id(3)] Connectivity Connectivity,
    [property: Id(4)] SystemProfile Profile,
    [property: Id(5)] string? Version,
    [property: Id(6)] int ServerCount,
    [property: Id(7)] int OngoingAlarms,
    [property: Id(8)] string? Reseller,
    [property: Id(9)] string? Distributor);
