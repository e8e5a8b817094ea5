namespace Com.Storage.Audit;

/// <summary>One line of the security audit log. <see cref="Actor"/> did <see cref="Event"/> to <see cref="Subject"/>'s account.</summary>
public sealed record SecurityEvent(DateTimeOffset At, string Event, string Actor, string Subject, string Detail = "", string Address = "");

/// <summary>The events COM records; their names are also the resource keys the audit page shows.</summary>
public static class SecurityEvents
{
    public const string SignInSucceeded = "SignInSucceeded";
    public const string SignInFailed = "SignInFailed";
    public const string SignInRefused = "SignInRefused";
    public const string AccountLocked = "AccountLocked";
    public const string PasswordChanged = "PasswordChanged";
    public const string AccountCreated = "AccountCreated";
    public const string AccountUpdated = "AccountUpdated";
    public const string AccountDeleted = "AccountDeleted";
    public const string AccountExpired = "AccountExpired";
    /// <summary>A maintenance proxy account's credentials were set; its subject is the account ("reseller Acme"), not a user.</summary>
    public const string ProxyCredentialsSet = "ProxyCredentialsSet";
}
