using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Interfaces.Accounts;

/// <summary>
/// Which customers a user sees (SPEC ROLE, ROLE-3): every one for Administrators and Support; for the other roles,
/// those whose reseller or distributor matches one of the user's labels. Manual assignment joins with the customer
/// administration pages.
/// </summary>
public sealed class CustomerScope
{
    private readonly bool all;
    private readonly HashSet<string> labels;

    private CustomerScope(bool all, IEnumerable<string> labels)
    {
        this.all = all;
        this.labels = new HashSet<string>(labels.Select(l => l.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    public static CustomerScope For(Role role, IReadOnlyList<string> labels) => new(Permissions.SeesAllCustomers(role), labels);

    /// <summary>Sees nothing: a session whose account could not be read.</summary>
    public static CustomerScope None { get; } = new(false, []);

    /// <summary>Every customer, whatever its reseller or distributor.</summary>
    public bool All => all;

    public bool Includes(CustomerSummary customer) =>
        all
            || (customer.Reseller is { } reseller && labels.Contains(reseller.Trim()))
            || (customer.Distributor is { } distributor && labels.Contains(distributor.Trim()));
}
