namespace Com.Grains.Interfaces.Customers;

/// <summary>State of the service user's account on the customer system, as the system itself reports it.</summary>
[GenerateSerializer, Alias("com.ServiceAccountState")]
public enum ServiceAccountState
{
    Ok = 0,
    DisabledByAdministrator = 1,
    TemporarilyLocked = 2,
    CurrentlyDisabled = 3,
    PasswordExpired = 4,
    MustChangePassword = 5,
}

/// <summary>Rights of the service user's rights group that COM's features need (SPEC LINK-3).</summary>
[GenerateSerializer, Alias("com.ServiceRight")]
[Flags]
public enum ServiceRights
{
    None = 0,
    OwnPasswordWrite = 1,
    Backup = 2,
    Upgrade = 4,
    ServiceMonitorRead = 8,
    All = OwnPasswordWrite | Backup | Upgrade | ServiceMonitorRead,
}

/// <summary>What the system says about the service account the link signs in with.</summary>
[GenerateSerializer, Immutable, Alias("com.ServiceAccountReport.v1")]
public sealed record ServiceAccountReport(
    [property: Id(0)] ServiceAccountState State,
    [property: Id(1)] ServiceRights Rights,
    [property: Id(2)] bool RemoteOperationsAllowed,
    [property: Id(3)] bool AuthorisationProvided,
    [property: Id(4)] int Sessions,
    [property: Id(5)] int MaxSessions)
{
    public static ServiceAccountReport Healthy { get; } = new(ServiceAccountState.Ok, ServiceRights.All, true, true, 1, 5);
}
