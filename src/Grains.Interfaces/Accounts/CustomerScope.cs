using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Interfaces.Accounts;

/// <summary>
/// Which customers a user sees (SPEC ROLE, ROLE-3): every one for Administrators and Support; for the other roles,
/// those they were assigned to by hand, and those whose reseller or distributor matches one of their labels.
/// </summary>
public sealed class CustomerScope
{
    private readonly bool all;
    private readonly string login;
    private readonly HashSet<string> labels;

    private CustomerScope(bool all, string login, IEnumerable<string> labels)
    {
        this.all = all;
        this.login = login;
        this.labels = new HashSet<string>(labels.Select(l => l.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    public static CustomerScope For(Role role, string login, IReadOnlyList<string> labels) => new(Permissions.SeesAllCustomers(role), login, labels);

    /// <summary>Sees nothing: a session whose account could not be read.</summary>
    public static CustomerScope None { get; } = new(false, "", []);

    /// <summary>Every customer, whatever its reseller or distributor.</summary>
    public bool All => all;

    public bool Includes(CustomerSummary customer) =>
        all || AssignedByHand(customer.OperatorList) || MatchesLabels(customer.Reseller, customer.Distributor);

    public bool Includes(CustomerRecord customer) =>
        all || AssignedByHand(customer.OperatorList) || MatchesLabels(customer.Reseller, customer.Distributor);

    private bool AssignedByHand(IReadOnlyList<string> operators) =>
        login.Length > 0 && operators.Contains(login, StringComparer.OrdinalIgnoreCase);

    private bool MatchesLabels(string? reseller, string? distributor) =>
        (reseller is not null && labels.Contains(reseller.Trim())) || (distributor is not null && labels.Contains(distributor.Trim()));
}
