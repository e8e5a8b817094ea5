namespace Com.Grains.Interfaces.Accounts;

/// <summary>
/// Everything about an account an Administrator (or a Supervisor, for its Operators) sets, except the password (SPEC USER-2).
/// A null <see cref="SessionTimeoutMinutes"/> follows the server's preference.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.AccountDetails.v1")]
public sealed record AccountDetails(
    [property: Id(0)] Role Role,
    [property: Id(1)] string? FirstName = null,
    [property: Id(2)] string? LastName = null,
    [property: Id(3)] string? Phone = null,
    [property: Id(4)] string? Mobile = null,
    [property: Id(5)] string? Email = null,
    [property: Id(6)] IReadOnlyList<string>? Labels = null,
    [property: Id(7)] int? SessionTimeoutMinutes = null,
    [property: Id(8)] bool Kiosk = false,
    [property: Id(9)] bool Disabled = false,
    [property: Id(10)] bool ForceNewPassword = false,
    [property: Id(11)] DateTimeOffset? ExpiresAt = null)
{
    public IReadOnlyList<string> LabelList => Labels ?? [];
}

/// <summary>An account as lists and forms show it; never carries a password or its hash.</summary>
[GenerateSerializer, Immutable, Alias("com.AccountView.v1")]
public sealed record AccountView(
    [property: Id(0)] string Login,
    [property: Id(1)] AccountDetails Details,
    [property: Id(2)] string? CreatedBy,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? LockedUntil);

/// <summary>What users may change about themselves on their profile page.</summary>
[GenerateSerializer, Immutable, Alias("com.ProfileDetails.v1")]
public sealed record ProfileDetails(
    [property: Id(0)] string? FirstName,
    [property: Id(1)] string? LastName,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string? Mobile,
    [property: Id(4)] string? Email);

/// <summary>Who asks for a change: the signed-in user, as the session cookie names it.</summary>
[GenerateSerializer, Immutable, Alias("com.Actor.v1")]
public sealed record Actor(
    [property: Id(0)] string Login,
    [property: Id(1)] Role Role);
