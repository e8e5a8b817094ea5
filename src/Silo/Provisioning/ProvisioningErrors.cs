using Com.Grains.Interfaces.Customers;

namespace Com.Silo.Provisioning;

/// <summary>The API's error codes for <see cref="CustomerRules"/>' message keys, which the form shows translated instead.</summary>
public static class ProvisioningErrors
{
    public sealed record ApiError(int Status, string Code, string Message);

    public static ApiError Of(string key, NewCustomer customer) => key switch
    {
        "CustomerIdInvalid" => Bad("invalid-customer-id", $"customerId must be 1 to {CustomerIds.MaxLength} lowercase letters and digits"),
        "CustomerNameInvalid" => Bad("invalid-name", $"name is required: 1 to {CustomerRules.NameMaxLength} characters, no control characters"),
        "ServiceUserInvalid" => Bad("invalid-service-user", $"serviceUser must be 1 to {CustomerRules.ServiceUserMaxLength} characters"),
        "ServicePasswordInvalid" => Bad("invalid-service-password", $"servicePassword is required: 1 to {CustomerRules.PasswordMaxLength} characters"),
        "ResellerInvalid" => Bad("invalid-reseller", $"reseller and distributor are at most {CustomerRules.LabelMaxLength} characters"),
        "ContactNameInvalid" => Bad("invalid-contact", $"technicalContact.name is at most {CustomerRules.LabelMaxLength} characters"),
        "EmailInvalid" => Bad("invalid-contact", "technicalContact.email is not a valid e-mail address"),
        "TooManyTags" => Bad("invalid-tags", $"tags are limited to {CustomerRules.MaxTags}"),
        "TagInvalid" => Bad("invalid-tags", $"each tag is 1 to {CustomerRules.TagMaxLength} characters and appears once"),
        "NotesInvalid" => Bad("invalid-notes",
            $"notes are at most {CustomerRules.NotesMaxLength} characters, without control characters other than line breaks"),
        "CustomerNameTaken" => Conflict("name-taken", $"a customer named '{customer.Record.Name.Trim()}' exists already"),
        "CustomerIdTaken" => Conflict("customer-id-taken", $"customer ID '{customer.Record.Id}' is taken"),
        // A rule added to CustomerRules before this table learns it: still a client error, named by its key.
        _ => Bad("invalid-customer", key),
    };

    private static ApiError Bad(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    private static ApiError Conflict(string code, string message) => new(StatusCodes.Status409Conflict, code, message);
}
