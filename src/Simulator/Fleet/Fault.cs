namespace Com.Simulator;

/// <summary>How a simulated customer system misbehaves; <see cref="None"/> is a healthy system.</summary>
public enum Fault
{
    None = 0,
    WrongPassword,
    UnknownUser,
    Locked,
    Disabled,
    Expired,
    MustChangePassword,
    Legacy,
    NotPrimary,
    Flapping,
    OfflineServer,
    MissingUpgradeRight,
    NeverConnect,
}

/// <summary>The command-line names of the faults.</summary>
public static class FaultNames
{
    private static readonly (Fault Fault, string Name)[] Names =
    [
        (Fault.WrongPassword, "wrong-password"),
        (Fault.UnknownUser, "unknown-user"),
        (Fault.Locked, "locked"),
        (Fault.Disabled, "disabled"),
        (Fault.Expired, "expired"),
        (Fault.MustChangePassword, "must-change-password"),
        (Fault.Legacy, "legacy"),
        (Fault.NotPrimary, "not-primary"),
        (Fault.Flapping, "flapping"),
        (Fault.OfflineServer, "offline-server"),
        (Fault.MissingUpgradeRight, "missing-upgrade-right"),
        (Fault.NeverConnect, "never-connect"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static string NameOf(Fault fault) =>
        fault == Fault.None ? "none" : Names.First(n => n.Fault == fault).Name;

    public static bool TryParse(string name, out Fault fault)
    {
        foreach (var (candidate, candidateName) in Names)
        {
            if (string.Equals(candidateName, name, StringComparison.OrdinalIgnoreCase))
            {
                fault = candidate;
                return true;
            }
        }
        fault = Fault.None;
        return false;
    }
}
