namespace Com.Grains.Interfaces.Accounts;

/// <summary>What a user may do, one row of SPEC ROLE's table each; <see cref="Permissions"/> says which roles have it.</summary>
[GenerateSerializer, Alias("com.Capability")]
public enum Capability
{
    /// <summary>Dashboard, alarms, customer list and customer details (of the customers the user sees).</summary>
    Monitor = 0,
    RemoteSupportAddresses = 1,
    LaunchApplication = 2,
    Backup = 3,
    Restore = 4,
    Upgrade = 5,
    AddOrDeleteCustomers = 6,
    EditCustomers = 7,
    LogManagement = 8,
    RefreshCustomFiles = 9,
    ManageCustomFiles = 10,
    ResendSubscriptionMail = 11,
    /// <summary>Preferences, certificates, application center and the cluster's health pages.</summary>
    ServerSettings = 12,
    /// <summary>Create, edit, delete and assign any account.</summary>
    ManageAllAccounts = 13,
    /// <summary>Create, edit, delete and assign the Operators one created oneself.</summary>
    ManageOwnOperators = 14,
    /// <summary>Remove alarms from the alarm list (SPEC ALRM-4). Not in SPEC ROLE's table: given to the roles that act on systems.</summary>
    ClearAlarms = 15,
    /// <summary>
    /// Set the user name and password of the maintenance proxy accounts whose name matches one of one's labels (SPEC RS-1).
    /// Not in SPEC ROLE's table: RS-1 names Supervisors and Operators.
    /// </summary>
    ManageProxyAccounts = 16,
    /// <summary>See every remote-support tunnel's audit and end live tunnels (SPEC RS-6: "visible to admins").</summary>
    TunnelSessions = 17,
}
