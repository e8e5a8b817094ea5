using Com.Grains.Interfaces.Customers;

namespace Com.Silo.Provisioning;

public sealed record TechnicalContact(string? Name, string? Email);

/// <summary>Body of <c>POST /com/api/customers</c>. Its fields are checked by <see cref="CustomerRules"/>, as the form's are.</summary>
public sealed record ProvisioningRequest(
    string? Name,
    string? CustomerId,
    string? ServiceUser,
    string? ServicePassword,
    string? Reseller,
    string? Distributor,
    TechnicalContact? TechnicalContact,
    string[]? Tags = null,
    string? Notes = null)
{
    /// <summary>The customer the form would create from the same fields; a missing service user is the default one.</summary>
    public NewCustomer ToNewCustomer(string id) => new(
        new CustomerRecord(id, Name ?? "", ServiceUser ?? CustomerRules.DefaultServiceUser, Reseller, Distributor,
            TechnicalContact?.Name, TechnicalContact?.Email, Notes: Notes, Tags: Tags?.Select(t => t ?? "").ToArray()),
        ServicePassword ?? "");
}
