namespace Com.Grains.Interfaces.Accounts;

[GenerateSerializer, Alias("com.SignInOutcome")]
public enum SignInOutcome
{
    Success = 0,
    InvalidCredentials = 1,
    Disabled = 2,
}

/// <summary>What a sign-in attempt gave; <see cref="Role"/> is meaningful only on success.</summary>
[GenerateSerializer, Immutable, Alias("com.SignInVerdict.v1")]
public sealed record SignInVerdict(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] string Login,
    [property: Id(2)] Role Role);
