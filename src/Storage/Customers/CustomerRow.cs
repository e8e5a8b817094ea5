namespace Com.Storage.Customers;

/// <summary>
/// A customer's directory row as stored: the serialised summary, and beside it the fields targeted queries filter on
/// (the silo and id of its live link, and the logins assigned by hand, lower-case).
/// </summary>
public sealed record CustomerRow(string CustomerId, string? LinkSilo, Guid? LinkId, string[] Assigned, byte[] Summary);

/// <summary>A customer whose live link a silo held.</summary>
public sealed record LinkedCustomer(string CustomerId, Guid LinkId);
