using System.Collections.Frozen;

namespace Com.Grains.Interfaces.Accounts;

/// <summary>
/// SPEC ROLE's table, the only place where a role is turned into rights. Pages, HTTP endpoints and grains all ask here,
/// so hiding a menu item and refusing the call can never disagree.
/// </summary>
public static class Permissions
{
    private static readonly FrozenDictionary<Role, FrozenSet<Capability>> Granted = new Dictionary<Role, FrozenSet<Capability>>
    {
        [Role.Administrator] = Set(
            Capability.Monitor, Capability.LaunchApplication, Capability.Backup, Capability.Restore, Capability.Upgrade,
            Capability.AddOrDeleteCustomers, Capability.EditCustomers, Capability.LogManagement, Capability.RefreshCustomFiles,
            Capability.ManageCustomFiles, Capability.ResendSubscriptionMail, Capability.ServerSettings, Capability.ManageAllAccounts, Capability.ClearAlarms,
            Capability.TunnelSessions),
        [Role.Support] = Set(
            Capability.Monitor, Capability.Upgrade, Capability.LogManagement, Capability.RefreshCustomFiles, Capability.ResendSubscriptionMail),
        [Role.Supervisor] = Set(
            Capability.Monitor, Capability.RemoteSupportAddresses, Capability.Backup, Capability.Restore, Capability.Upgrade,
            Capability.EditCustomers, Capability.LogManagement, Capability.RefreshCustomFiles, Capability.ResendSubscriptionMail,
            Capability.ManageOwnOperators, Capability.ClearAlarms, Capability.ManageProxyAccounts),
        [Role.Operator] = Set(
            Capability.Monitor, Capability.RemoteSupportAddresses, Capability.LaunchApplication, Capability.Backup, Capability.Upgrade,
            Capability.AddOrDeleteCustomers, Capability.LogManagement, Capability.RefreshCustomFiles, Capability.ResendSubscriptionMail, Capability.ClearAlarms,
            Capability.ManageProxyAccounts),
        [Role.ReadOnly] = Set(Capability.Monitor, Capability.RemoteSupportAddresses),
    }.ToFrozenDictionary();

    public static bool Allows(Role role, Capability capability) => Granted.TryGetValue(role, out var set) && set.Contains(capability);

    /// <summary>Administrators and Support see every customer; the others only those assigned to them (SPEC ROLE-3).</summary>
    public static bool SeesAllCustomers(Role role) => role is Role.Administrator or Role.Support;

    /// <summary>Kiosk mode is offered to Support and Read-only accounts only (SPEC ROLE-2).</summary>
    public static bool MayUseKiosk(Role role) => role is Role.Support or Role.ReadOnly;

    /// <summary>Labels match customers' reseller or distributor; they belong to Operator-type roles (SPEC USER-2).</summary>
    public static bool HasLabels(Role role) => role is Role.Supervisor or Role.Operator or Role.ReadOnly;

    /// <summary>Whether <paramref name="actor"/> may create, edit or delete an account of <paramref name="role"/> created by <paramref name="createdBy"/>.</summary>
    public static bool MayManageAccount(Role actor, string actorLogin, Role role, string? createdBy) =>
        Allows(actor, Capability.ManageAllAccounts)
        || (Allows(actor, Capability.ManageOwnOperators) && role == Role.Operator
            && string.Equals(createdBy, actorLogin, StringComparison.OrdinalIgnoreCase));

    private static FrozenSet<Capability> Set(params Capability[] capabilities) => capabilities.ToFrozenSet();
}
