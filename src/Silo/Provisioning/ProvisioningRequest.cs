using System.Net.Mail;
using Com.Grains.Interfaces.Customers;

namespace Com.Silo.Provisioning;

public sealed record TechnicalContact(string? Name, string? Email);

/// <summary>Body of <c>POST /com/api/customers</c>.</summary>
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
    public const string DefaultServiceUser = "COMAdmin";

    /// <summary>The first problem with the request as (error code, message), or null when it can be provisioned.</summary>
    public (string Code, string Message)? Problem()
    {
        if (!Text(Name, 64, required: true))
            return ("invalid-name", "name is required: 1 to 64 characters, no control characters");
        if (CustomerId is not null && !CustomerIds.IsValid(CustomerId))
            return ("invalid-customer-id", $"customerId must be 1 to {CustomerIds.MaxLength} lowercase letters and digits");
        if (!Text(ServiceUser, 31, required: false))
            return ("invalid-service-user", "serviceUser must be 1 to 31 characters");
        if (!Text(ServicePassword, 31, required: true))
            return ("invalid-service-password", "servicePassword is required: 1 to 31 characters");
        if (!Text(Reseller, 64, required: false) || !Text(Distributor, 64, required: false))
            return ("invalid-reseller", "reseller and distributor are at most 64 characters");
        if (!Text(TechnicalContact?.Name, 64, required: false))
            return ("invalid-contact", "technicalContact.name is at most 64 characters");
        if (TechnicalContact?.Email is { } email && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            return ("invalid-contact", "technicalContact.email is not a valid e-mail address");
        if (Tags is { Length: > CustomerRules.MaxTags })
            return ("invalid-tags", $"tags are limited to {CustomerRules.MaxTags}");
        return CustomerRules.Check(CustomerRules.Normalize(ToNewCustomer(CustomerId ?? "probe").Record)) switch
        {
            "TagInvalid" => ("invalid-tags", $"each tag is 1 to {CustomerRules.TagMaxLength} characters and appears once"),
            "NotesInvalid" => ("invalid-notes", $"notes are at most {CustomerRules.NotesMaxLength} characters, without control characters other than line breaks"),
            _ => null,
        };
    }

    public NewCustomer ToNewCustomer(string id) => new(
        new CustomerRecord(id, Name!.Trim(), ServiceUser ?? DefaultServiceUser, Reseller?.Trim(), Distributor?.Trim(),
            TechnicalContact?.Name?.Trim(), TechnicalContact?.Email, Notes: Notes, Tags: Tags?.Select(t => t?.Trim() ?? "").ToArray()),
        ServicePassword!);

    private static bool Text(string? value, int max, bool required) =>
        value is null ? !required : value.Trim().Length is > 0 && value.Length <= max && !value.Any(char.IsControl);
}
