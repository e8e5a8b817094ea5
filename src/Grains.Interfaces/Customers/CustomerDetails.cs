namespace Com.Grains.Interfaces.Customers;

/// <summary>One customer as its details view and edit form show it (SPEC CUST-3/CUST-5); never carries the service password.</summary>
[GenerateSerializer, Immutable, Alias("com.CustomerDetails.v1")]
public sealed record CustomerDetails(
    [property: Id(0)] CustomerRecord Record,
    [property: Id(1)] CustomerSummary Summary,
    [property: Id(2)] NetworkReport? Network,
    [property: Id(3)] DateTimeOffset? LastConnected,
    [property: Id(4)] DateTimeOffset? LastDisconnected);

[GenerateSerializer, Alias("com.ConnectionTestOutcome")]
public enum ConnectionTestOutcome
{
    /// <summary>No system has tried this ID since the grain last started.</summary>
    NoAttempt = 0,
    /// <summary>A system tried this ID with other credentials.</summary>
    CredentialsDiffer = 1,
    /// <summary>A system tried this ID with these credentials; saving the customer lets it link.</summary>
    CredentialsMatch = 2,
    /// <summary>The system is linked now with these credentials.</summary>
    Connected = 3,
}

/// <summary>Answer to "Test connection": what was seen, and when.</summary>
[GenerateSerializer, Immutable, Alias("com.ConnectionTest.v1")]
public sealed record ConnectionTest(
    [property: Id(0)] ConnectionTestOutcome Outcome,
    [property: Id(1)] DateTimeOffset? At);

/// <summary>A customer moving to a new ID: everything its grain keeps, the password still encrypted.</summary>
[GenerateSerializer, Immutable, Alias("com.CustomerTransfer.v1")]
public sealed record CustomerTransfer(
    [property: Id(0)] CustomerRecord Record,
    [property: Id(1)] string ProtectedPassword,
    [property: Id(2)] NetworkReport? Network,
    [property: Id(3)] DateTimeOffset? LastConnected,
    [property: Id(4)] DateTimeOffset? LastDisconnected);
