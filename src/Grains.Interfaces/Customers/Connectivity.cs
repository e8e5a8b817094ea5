namespace Com.Grains.Interfaces.Customers;

/// <summary>Traffic light of SPEC LINK-2.</summary>
[GenerateSerializer, Alias("com.TrafficLight")]
public enum TrafficLight
{
    Red = 0,
    Orange = 1,
    Green = 2,
}

/// <summary>The connectivity messages of SPEC LINK-3; each is a resource key in the web front.</summary>
[GenerateSerializer, Alias("com.ConnectivityCode")]
public enum ConnectivityCode
{
    AwaitingInitialConnection = 0,
    Connected = 1,
    Offline = 2,
    ConnectionFailed = 3,
    InvalidCredentials = 4,
    AuthorisationFailed = 5,
    NotValidPrimary = 6,
    Legacy = 7,
    TooManySessions = 8,
    MustChangePassword = 9,
    NoRightsEnabled = 10,
    InsufficientRights = 11,
    RemoteOperationsNotAllowed = 12,
    ServiceMonitorReadNotEnabled = 13,
    UpgradeRightsNotEnabled = 14,
    BackupRightsNotEnabled = 15,
    OwnPasswordChangeNotEnabled = 16,
    AccountDisabledByAdministrator = 17,
    AccountTemporarilyLocked = 18,
    AccountCurrentlyDisabled = 19,
    PasswordExpired = 20,
    NoAuthorisationProvided = 21,
    ServerOffline = 22,
}

/// <summary>A customer's connectivity: colour, the message that explains it, since when, and a detail (e.g. the offline server's name).</summary>
[GenerateSerializer, Immutable, Alias("com.Connectivity.v1")]
public sealed record Connectivity(
    [property: Id(0)] TrafficLight Light,
    [property: Id(1)] ConnectivityCode Code,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] string? Detail = null);
