using Com.DeviceProtocol;
using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;

namespace Com.Silo.Devices;

/// <summary>The protocol's names for roles, profiles, account states and rights, mapped to COM's types.</summary>
public static class WireNames
{
    public static ServerRole? Role(string? role) => role?.ToLowerInvariant() switch
    {
        "primary" => ServerRole.Primary,
        "secondary" => ServerRole.Secondary,
        "expansion" => ServerRole.Expansion,
        "application" => ServerRole.Application,
        "ucm" => ServerRole.Ucm,
        _ => null,
    };

    public static SystemProfile Profile(string? profile) => profile?.ToUpperInvariant() switch
    {
        "IP500 V2" or "IP500V2" => SystemProfile.Ip500V2,
        "SERVER EDITION" => SystemProfile.ServerEdition,
        "ACCS" => SystemProfile.Accs,
        "LEGACY" => SystemProfile.Legacy,
        _ => SystemProfile.Unknown,
    };

    public static AlarmSeverity? Severity(string? severity) => severity switch
    {
        "critical" => AlarmSeverity.Critical,
        "major" => AlarmSeverity.Major,
        "minor" => AlarmSeverity.Minor,
        "warning" => AlarmSeverity.Warning,
        _ => null,
    };

    public static AlarmCategory? Category(string? category) => category switch
    {
        "configuration" => AlarmCategory.Configuration,
        "trunk" => AlarmCategory.Trunk,
        "link" => AlarmCategory.Link,
        "services" => AlarmCategory.Services,
        "qos" => AlarmCategory.Qos,
        "security" => AlarmCategory.Security,
        _ => null,
    };

    public static ServiceAccountState? AccountState(string? state) => state?.ToLowerInvariant() switch
    {
        "ok" => ServiceAccountState.Ok,
        "disabled" => ServiceAccountState.DisabledByAdministrator,
        "locked" => ServiceAccountState.TemporarilyLocked,
        "currently-disabled" => ServiceAccountState.CurrentlyDisabled,
        "expired" => ServiceAccountState.PasswordExpired,
        "must-change-password" => ServiceAccountState.MustChangePassword,
        _ => null,
    };

    public static ServiceRights Rights(IEnumerable<string>? rights) =>
        rights is null ? ServiceRights.All : rights.Aggregate(ServiceRights.None, (all, right) => all | right switch
        {
            "ownPasswordWrite" => ServiceRights.OwnPasswordWrite,
            "backup" => ServiceRights.Backup,
            "upgrade" => ServiceRights.Upgrade,
            "serviceMonitorRead" => ServiceRights.ServiceMonitorRead,
            _ => ServiceRights.None,
        });

    public static ServerInfo Server(ServerMessage s) =>
        new(s.Name, Role(s.Role) ?? ServerRole.Application, s.Address, Profile(s.Profile), s.Version, s.Online);

    public static RemoteOperationFlags Flags(FlagsMessage f) =>
        new(f.CentralManagement, f.CentralDiagnosticLog, f.RemoteUpgradeBackup, f.RemoteAccess, f.NearbyServers, f.AutomaticCertificates, f.AutomaticPhoneProvisioning);

    public static ServiceAccountReport Account(AccountMessage a) =>
        new(AccountState(a.State) ?? ServiceAccountState.Ok, Rights(a.Rights), a.RemoteOperations, a.AuthorisationProvided, a.Sessions, a.MaxSessions);
}
