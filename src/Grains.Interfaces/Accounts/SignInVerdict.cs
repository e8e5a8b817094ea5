namespace Com.Grains.Interfaces.Accounts;

[GenerateSerializer, Alias("com.SignInOutcome")]
public enum SignInOutcome
{
    Success = 0,
    InvalidCredentials = 1,
    Disabled = 2,
    /// <summary>Too many failures lately (SPEC AUTH-2): refused whatever the password until <see cref="SignInVerdict.LockedUntil"/>.</summary>
    Locked = 3,
    /// <summary>The account's expiry date passed; it is now disabled until an Administrator enables it again (SPEC AUTH-7).</summary>
    Expired = 4,
}

/// <summary>What a sign-in attempt gave; the fields after <see cref="Outcome"/> are meaningful only on success (or for Locked, its end).</summary>
[GenerateSerializer, Immutable, Alias("com.SignInVerdict.v1")]
public sealed record SignInVerdict(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] string Login,
    [property: Id(2)] Role Role,
    [property: Id(3)] bool MustChangePassword = false,
    [property: Id(4)] int? SessionTimeoutMinutes = null,
    [property: Id(5)] bool Kiosk = false,
    [property: Id(6)] DateTimeOffset? LockedUntil = null,
    [property: Id(7)] string Stamp = "")
{
    public static SignInVerdict Refused(SignInOutcome outcome, DateTimeOffset? lockedUntil = null) => new(outcome, "", default, LockedUntil: lockedUntil);
}
