namespace Com.Grains.Interfaces.Customers;

/// <summary>Kinds of customer system (SPEC CUST-1).</summary>
[GenerateSerializer, Alias("com.SystemProfile")]
public enum SystemProfile
{
    Unknown = 0,
    Ip500V2 = 1,
    ServerEdition = 2,
    Accs = 3,
    Legacy = 4,
}

[GenerateSerializer, Alias("com.ServerRole")]
public enum ServerRole
{
    Primary = 0,
    Secondary = 1,
    Expansion = 2,
    Application = 3,
    Ucm = 4,
}

/// <summary>One server of a customer's network, as its link last reported it (SPEC LINK-4).</summary>
[GenerateSerializer, Immutable, Alias("com.ServerInfo.v1")]
public sealed record ServerInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] ServerRole Role,
    [property: Id(2)] string Address,
    [property: Id(3)] SystemProfile Profile,
    [property: Id(4)] string Version,
    [property: Id(5)] bool Online);

/// <summary>The system's remote-operation switches (SPEC LINK-4).</summary>
[GenerateSerializer, Immutable, Alias("com.RemoteOperationFlags.v1")]
public sealed record RemoteOperationFlags(
    [property: Id(0)] bool CentralManagement,
    [property: Id(1)] bool CentralDiagnosticLog,
    [property: Id(2)] bool RemoteUpgradeBackup,
    [property: Id(3)] bool RemoteAccess,
    [property: Id(4)] bool NearbyServers,
    [property: Id(5)] bool AutomaticCertificates,
    [property: Id(6)] bool AutomaticPhoneProvisioning)
{
    public static RemoteOperationFlags None { get; } = new(false, false, false, false, false, false, false);
}

/// <summary>A TCP tunnel the system allows to a nearby server; the application sets the default port.</summary>
[GenerateSerializer, Immutable, Alias("com.TunnelRule.v1")]
public sealed record TunnelRule(
    [property: Id(0)] string Address,
    [property: Id(1)] int Port,
    [property: Id(2)] string Application);

/// <summary>
/// Everything a link reports about the system behind it. Arrays, not interfaces: concrete types serialise the same
/// everywhere. <paramref name="TimeZone"/> is the system's IANA zone, null when it reports none.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.NetworkReport.v1")]
public sealed record NetworkReport(
    [property: Id(0)] string SystemName,
    [property: Id(1)] SystemProfile Profile,
    [property: Id(2)] string Version,
    [property: Id(3)] ServerInfo[] Servers,
    [property: Id(4)] RemoteOperationFlags Flags,
    [property: Id(5)] TunnelRule[] Tunnels,
    [property: Id(6)] string? Configuration = null,
    [property: Id(7)] string? TimeZone = null);
