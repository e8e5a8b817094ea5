using Com.DeviceProtocol;
using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Customers;

/// <summary>SPEC LINK-2/LINK-3 as pure functions: which hello is refused, and what colour and message an accepted link shows.</summary>
public static class ConnectivityRules
{
    /// <summary>The refusal (wire reason, connectivity code) a hello earns, or null when it may link.</summary>
    public static (string Reason, ConnectivityCode Code)? Refusal(LinkHello hello, CustomerRecord record, string servicePassword)
    {
        if (!string.Equals(hello.ServiceUser, record.ServiceUser, StringComparison.OrdinalIgnoreCase))
            return (RefusalReasons.InvalidCredentials, ConnectivityCode.InvalidCredentials);
        if (!CredentialCheck.PasswordsMatch(hello.Password, servicePassword))
            return (RefusalReasons.AuthorisationFailed, ConnectivityCode.AuthorisationFailed);
        if (hello.ConnectingRole != ServerRole.Primary)
            return (RefusalReasons.NotPrimary, ConnectivityCode.NotValidPrimary);
        return hello.Account.State switch
        {
            ServiceAccountState.DisabledByAdministrator => (RefusalReasons.AccountDisabled, ConnectivityCode.AccountDisabledByAdministrator),
            ServiceAccountState.TemporarilyLocked => (RefusalReasons.AccountLocked, ConnectivityCode.AccountTemporarilyLocked),
            ServiceAccountState.CurrentlyDisabled => (RefusalReasons.AccountCurrentlyDisabled, ConnectivityCode.AccountCurrentlyDisabled),
            ServiceAccountState.PasswordExpired => (RefusalReasons.PasswordExpired, ConnectivityCode.PasswordExpired),
            ServiceAccountState.MustChangePassword => (RefusalReasons.MustChangePassword, ConnectivityCode.MustChangePassword),
            _ when hello.Account.Sessions > hello.Account.MaxSessions => (RefusalReasons.TooManySessions, ConnectivityCode.TooManySessions),
            _ => null,
        };
    }

    /// <summary>Traffic light of a refusal: red when nothing sensible answered, orange when the system answered but refused us.</summary>
    public static TrafficLight LightOf(ConnectivityCode refusal) =>
        refusal is ConnectivityCode.NotValidPrimary or ConnectivityCode.ConnectionFailed ? TrafficLight.Red : TrafficLight.Orange;

    /// <summary>Connectivity of a live link, from what the system reports about its network and its service account.</summary>
    public static Connectivity OfLiveLink(NetworkReport network, ServiceAccountReport account, DateTimeOffset since)
    {
        if (IsLegacy(network))
            return new Connectivity(TrafficLight.Green, ConnectivityCode.Legacy, since);
        if (!account.AuthorisationProvided)
            return new Connectivity(TrafficLight.Orange, ConnectivityCode.NoAuthorisationProvided, since);
        if (account.Rights == ServiceRights.None)
            return new Connectivity(TrafficLight.Orange, ConnectivityCode.NoRightsEnabled, since);
        if (!account.RemoteOperationsAllowed)
            return new Connectivity(TrafficLight.Orange, ConnectivityCode.RemoteOperationsNotAllowed, since);
        if (MissingRight(account.Rights) is { } missing)
            return new Connectivity(TrafficLight.Orange, missing, since);
        var offline = network.Servers.Where(s => !s.Online).Select(s => s.Name).ToList();
        return offline.Count > 0
            ? new Connectivity(TrafficLight.Orange, ConnectivityCode.ServerOffline, since, string.Join(", ", offline))
            : new Connectivity(TrafficLight.Green, ConnectivityCode.Connected, since);
    }

    /// <summary>Shown as Legacy: see <see cref="MonitorOnly"/>, which the action menu asks too.</summary>
    public static bool IsLegacy(NetworkReport network) => MonitorOnly.Applies(network.Profile, network.Version);

    private static ConnectivityCode? MissingRight(ServiceRights rights)
    {
        var missing = ServiceRights.All & ~rights;
        return missing switch
        {
            ServiceRights.None => null,
            ServiceRights.ServiceMonitorRead => ConnectivityCode.ServiceMonitorReadNotEnabled,
            ServiceRights.Upgrade => ConnectivityCode.UpgradeRightsNotEnabled,
            ServiceRights.Backup => ConnectivityCode.BackupRightsNotEnabled,
            ServiceRights.OwnPasswordWrite => ConnectivityCode.OwnPasswordChangeNotEnabled,
            _ => ConnectivityCode.InsufficientRights,
        };
    }
}
