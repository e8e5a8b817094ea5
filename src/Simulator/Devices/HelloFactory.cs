using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>The hello a customer's primary sends, with its fault written into it.</summary>
internal static class HelloFactory
{
    private static readonly string[] AllRights = ["ownPasswordWrite", "backup", "upgrade", "serviceMonitorRead"];
    private static readonly string[] RightsWithoutUpgrade = ["ownPasswordWrite", "backup", "serviceMonitorRead"];

    /// <param name="customer">The system.</param>
    /// <param name="credentials">Its ID and service account in COM.</param>
    /// <param name="servers">The servers it reports now.</param>
    /// <param name="configuration">SHA-256 of the configuration it runs (see <see cref="DeviceConfiguration"/>).</param>
    /// <param name="timeZone">The IANA zone it reports.</param>
    public static HelloMessage Create(CustomerPlan customer, FleetEntry credentials, IReadOnlyList<ServerMessage> servers, string configuration,
        string timeZone)
    {
        var fault = customer.Fault;
        return new HelloMessage(
            Id: null,
            Protocol: ProtocolLimits.Version,
            CustomerId: credentials.CustomerId,
            ServiceUser: fault == Fault.UnknownUser ? "NoSuchServiceUser" : credentials.ServiceUser,
            Password: fault == Fault.WrongPassword ? Mistyped(credentials.ServicePassword) : credentials.ServicePassword,
            Role: fault == Fault.NotPrimary ? "secondary" : "primary",
            System: customer.System with { Configuration = configuration, TimeZone = timeZone },
            Servers: servers,
            Flags: customer.Flags,
            Tunnels: customer.Tunnels,
            Account: new AccountMessage(
                State: AccountState(fault),
                Rights: fault == Fault.MissingUpgradeRight ? RightsWithoutUpgrade : AllRights,
                RemoteOperations: true,
                AuthorisationProvided: true,
                Sessions: 1,
                MaxSessions: 5));
    }

    private static string AccountState(Fault fault) => fault switch
    {
        Fault.Locked => "locked",
        Fault.Disabled => "disabled",
        Fault.Expired => "expired",
        Fault.MustChangePassword => "must-change-password",
        _ => "ok",
    };

    // Same length and alphabet as the real password, so only the comparison with the stored one can fail.
    private static string Mistyped(string password) =>
        password.Length == 0 ? "x" : password[..^1] + (password[^1] == '0' ? '1' : '0');
}
