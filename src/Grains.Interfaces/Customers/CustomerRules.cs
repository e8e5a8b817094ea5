using System.Net.Mail;

namespace Com.Grains.Interfaces.Customers;

/// <summary>SPEC CUST-3's field rules, shared by the form and the grain so the server never trusts the browser's check.</summary>
public static class CustomerRules
{
    public const int NameMaxLength = 64;
    public const int ServiceUserMaxLength = 31;
    public const int PasswordMaxLength = 31;
    public const int LabelMaxLength = 64;
    public const int PhoneMaxLength = 20;
    public const int EmailMaxLength = 254;
    public const int AddressMaxLength = 200;
    public const int NotesMaxLength = 1000;
    public const int MaxTags = 5;
    public const int TagMaxLength = 32;
    public const int MaxOperators = 50;
    public const string DefaultServiceUser = "COMAdmin";

    /// <summary>Returns an error message key, or null when every field is acceptable. The ID is checked by <see cref="CustomerIds"/>.</summary>
    public static string? Check(CustomerRecord record)
    {
        if (!CustomerIds.IsValid(record.Id))
            return "CustomerIdInvalid";
        if (!Text(record.Name, NameMaxLength, required: true))
            return "CustomerNameInvalid";
        if (!Text(record.ServiceUser, ServiceUserMaxLength, required: true))
            return "ServiceUserInvalid";
        if (!Text(record.Reseller, LabelMaxLength) || !Text(record.Distributor, LabelMaxLength))
            return "ResellerInvalid";
        if (!Text(record.TechnicalContactName, LabelMaxLength))
            return "ContactNameInvalid";
        if (!IsEmail(record.TechnicalContactEmail) || !IsEmail(record.Email))
            return "EmailInvalid";
        if (!IsPhone(record.Phone))
            return "CustomerPhoneInvalid";
        if (!Text(record.Address, AddressMaxLength))
            return "AddressInvalid";
        // Notes keep their line breaks; other control characters are refused. Markup is kept as typed and always shown as text.
        if (record.Notes is { } notes && (notes.Length > NotesMaxLength || notes.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
            return "NotesInvalid";
        if (record.TagList.Count > MaxTags)
            return "TooManyTags";
        if (record.TagList.Any(t => !Text(t, TagMaxLength, required: true))
            || record.TagList.Distinct(StringComparer.OrdinalIgnoreCase).Count() != record.TagList.Count)
            return "TagInvalid";
        if (record.OperatorList.Count > MaxOperators || record.OperatorList.Any(string.IsNullOrWhiteSpace))
            return "AssignedOperatorInvalid";
        return null;
    }

    /// <summary>
    /// The one check of a new customer, whoever creates it (the form, the provisioning API): the customer as it is stored,
    /// or the message key of the first rule it breaks.
    /// </summary>
    public static (NewCustomer? Customer, string? Problem) Prepare(NewCustomer customer)
    {
        var record = Normalize(customer.Record);
        var problem = Check(record) ?? CheckPassword(customer.ServicePassword);
        return problem is null ? (customer with { Record = record }, null) : (null, problem);
    }

    /// <summary>Returns an error message key for a service password, or null when it is acceptable.</summary>
    public static string? CheckPassword(string? password) =>
        Text(password, PasswordMaxLength, required: true) ? null : "ServicePasswordInvalid";

    /// <summary>The record with its text trimmed and empty optional fields as null, as it is stored.</summary>
    public static CustomerRecord Normalize(CustomerRecord r) => r with
    {
        Id = r.Id.Trim(),
        Name = r.Name.Trim(),
        ServiceUser = r.ServiceUser.Trim(),
        Reseller = Optional(r.Reseller),
        Distributor = Optional(r.Distributor),
        TechnicalContactName = Optional(r.TechnicalContactName),
        TechnicalContactEmail = Optional(r.TechnicalContactEmail),
        Phone = Optional(r.Phone),
        Email = Optional(r.Email),
        Address = Optional(r.Address),
        Notes = string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim(),
        Tags = r.TagList.Select(t => t.Trim()).ToArray(),
        AssignedOperators = r.OperatorList.Select(o => o.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
    };

    public static bool IsEmail(string? value) =>
        string.IsNullOrEmpty(value) || (value.Length <= EmailMaxLength && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value);

    /// <summary>Digits, spaces and one leading +, as people write phone numbers; empty means none.</summary>
    public static bool IsPhone(string? value) =>
        string.IsNullOrEmpty(value)
        || (value.Length <= PhoneMaxLength && value.TrimStart('+').All(c => char.IsAsciiDigit(c) || c == ' ')
            && value.Count(char.IsAsciiDigit) >= 3 && value.LastIndexOf('+') <= 0);

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Text(string? value, int max, bool required = false) =>
        string.IsNullOrWhiteSpace(value) ? !required : value.Trim().Length <= max && !value.Any(char.IsControl);
}
