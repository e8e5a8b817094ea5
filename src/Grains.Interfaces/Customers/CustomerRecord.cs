namespace Com.Grains.Interfaces.Customers;

/// <summary>A customer as the ordering system or an administrator set it up (SPEC CUST-3).</summary>
[GenerateSerializer, Immutable, Alias("com.CustomerRecord.v1")]
public sealed record CustomerRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string ServiceUser,
    [property: Id(3)] string? Reseller,
    [property: Id(4)] string? Distributor,
    [property: Id(5)] string? TechnicalContactName,
    [property: Id(6)] string? TechnicalContactEmail,
    [property: Id(7)] string? Phone = null,
    [property: Id(8)] string? Email = null,
    [property: Id(9)] string? Address = null,
    [property: Id(10)] string? Notes = null,
    [property: Id(11)] IReadOnlyList<string>? Tags = null,
    [property: Id(12)] IReadOnlyList<string>? AssignedOperators = null)
{
    public IReadOnlyList<string> TagList => Tags ?? [];

    /// <summary>Logins assigned by hand (SPEC ROLE-3); labels assign others automatically.</summary>
    public IReadOnlyList<string> OperatorList => AssignedOperators ?? [];
}

/// <summary>What it takes to create a customer: its record and the service user's password.</summary>
[GenerateSerializer, Immutable, Alias("com.NewCustomer.v1")]
public sealed record NewCustomer(
    [property: Id(0)] CustomerRecord Record,
    [property: Id(1)] string ServicePassword);

/// <summary>An edit of a customer: its new record (whose ID may differ when the preference allows) and, when set, a new password.</summary>
[GenerateSerializer, Immutable, Alias("com.CustomerEdit.v1")]
public sealed record CustomerEdit(
    [property: Id(0)] CustomerRecord Record,
    [property: Id(1)] string? NewServicePassword);

/// <summary>A customer refused an input; <see cref="Reason"/> is a resource key and stable API error code.</summary>
[GenerateSerializer, Alias("com.CustomerRejectedException")]
public sealed class CustomerRejectedException : Exception
{
    public CustomerRejectedException() { }

    public CustomerRejectedException(string reason) : base(reason) => Reason = reason;

    public CustomerRejectedException(string message, Exception innerException) : base(message, innerException) { }

    [Id(0)]
    public string Reason { get; init; } = "";
}
