using Com.Grains.Interfaces.Accounts;

namespace Com.Grains.Interfaces.Customers;

/// <summary>What the customer list's Action menu runs on selected customers (SPEC CUST-6).</summary>
[GenerateSerializer, Alias("com.CustomerAction")]
public enum CustomerAction
{
    ResendSubscriptionMail = 0,
    Backup = 1,
    Restore = 2,
    Upgrade = 3,
    LogManagement = 4,
    RefreshCustomFiles = 5,
    LaunchApplication = 6,
}

/// <summary>
/// SPEC CUST-6: an action is offered only when the user's role allows it and every selected system's type and flags
/// allow it. The menu greys out what this refuses, and the grains refuse it again.
/// </summary>
public static class CustomerActions
{
    /// <summary>The actions built so far; the others join with their features.</summary>
    public static IReadOnlyList<CustomerAction> Implemented { get; } = [CustomerAction.ResendSubscriptionMail, CustomerAction.Backup, CustomerAction.LaunchApplication];

    public static Capability CapabilityOf(CustomerAction action) => action switch
    {
        CustomerAction.Backup => Capability.Backup,
        CustomerAction.Restore => Capability.Restore,
        CustomerAction.Upgrade => Capability.Upgrade,
        CustomerAction.LogManagement => Capability.LogManagement,
        CustomerAction.RefreshCustomFiles => Capability.RefreshCustomFiles,
        CustomerAction.LaunchApplication => Capability.LaunchApplication,
        _ => Capability.ResendSubscriptionMail,
    };

    /// <summary>Whether the system itself allows the action, whoever asks: <see cref="MonitorOnly"/> systems get none.</summary>
    public static bool SystemAllows(CustomerAction action, CustomerSummary customer) =>
        !MonitorOnly.Applies(customer.Profile, customer.Version) && action switch
        {
            CustomerAction.Backup or CustomerAction.Restore or CustomerAction.Upgrade => customer.Flags?.RemoteUpgradeBackup == true,
            CustomerAction.LogManagement => customer.Flags?.CentralDiagnosticLog == true,
            // Web Manager opens through the admin relay, which the central management flag allows (SPEC RS-7).
            CustomerAction.LaunchApplication => customer.Flags?.CentralManagement == true,
            CustomerAction.RefreshCustomFiles => customer.Flags?.CentralManagement == true,
            _ => true,
        };

    /// <summary>Launching an application opens one system's tool; the other actions take many systems at once.</summary>
    public static bool IsOffered(CustomerAction action, Role role, IReadOnlyCollection<CustomerSummary> selected) =>
        selected.Count > 0 && (action != CustomerAction.LaunchApplication || selected.Count == 1)
        && Permissions.Allows(role, CapabilityOf(action)) && selected.All(c => SystemAllows(action, c));
}
