using System.Text.Json;
using System.Text.Json.Serialization;

namespace Com.Simulator;

public sealed record TechnicalContact(string Name, string Email);

/// <summary>Body of <c>POST /com/api/customers</c>; a null customer ID lets COM choose one.</summary>
public sealed record CreateCustomerRequest(
    string Name,
    string? CustomerId,
    string ServiceUser,
    string ServicePassword,
    string Reseller,
    string Distributor,
    TechnicalContact TechnicalContact);

public sealed record CreatedCustomer(string CustomerId, string Name);

public sealed record ApiError(string Error, string Message);

/// <summary>A customer this simulator provisioned, with the credentials its system signs in with.</summary>
public sealed record FleetEntry(string Name, string CustomerId, string ServiceUser, string ServicePassword);

public sealed record FleetFileContent(IReadOnlyList<FleetEntry> Customers);

// Nulls are written: the API reads "customerId": null as "choose one for me".
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(CreateCustomerRequest))]
[JsonSerializable(typeof(CreatedCustomer))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(FleetFileContent))]
internal sealed partial class SimulatorJson : JsonSerializerContext;
