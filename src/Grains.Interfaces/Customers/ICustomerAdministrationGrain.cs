using Com.Grains.Interfaces.Accounts;

namespace Com.Grains.Interfaces.Customers;

/// <summary>
/// A customer as users and the ordering system see it: created, read, edited, moved and deleted, with "Test connection"
/// and the subscription e-mail. Key: <see cref="CustomerIds.GrainKey"/>.
/// </summary>
[Alias("com.ICustomerAdministrationGrain")]
public interface ICustomerAdministrationGrain : IGrainWithStringKey
{
    /// <summary>Creates the customer, which then awaits its first connection: checked by <see cref="CustomerRules"/>, name reserved, stored.</summary>
    /// <exception cref="CustomerRejectedException">A field breaks a rule, the name or the ID is taken; nothing changes.</exception>
    [Alias("Provision")]
    Task<CustomerSummary> ProvisionAsync(NewCustomer customer);

    /// <summary>An Administrator or Operator adds the customer by hand (SPEC CUST-3); an Operator who would not see it is assigned to it.</summary>
    /// <exception cref="AccountRejectedException">The actor may not add customers.</exception>
    /// <exception cref="CustomerRejectedException">A field breaks a rule, the name or ID is taken; nothing changes.</exception>
    [Alias("Create")]
    Task<CustomerSummary> CreateAsync(Actor actor, NewCustomer customer);

    /// <summary>Everything the details view and the edit form show; null when no such customer exists.</summary>
    /// <exception cref="AccountRejectedException">The actor does not see this customer.</exception>
    [Alias("GetDetails")]
    Task<CustomerDetails?> GetDetailsAsync(Actor actor);

    /// <summary>An Administrator or Supervisor changes the customer (SPEC CUST-4); assignments follow SPEC USER-3.</summary>
    /// <exception cref="AccountRejectedException">The actor may not edit this customer or make these assignments.</exception>
    /// <exception cref="CustomerRejectedException">A field breaks a rule or the name is taken; nothing changes.</exception>
    [Alias("Update")]
    Task<CustomerSummary> UpdateAsync(Actor actor, CustomerEdit edit);

    /// <summary>Deletes the customer, its alarms and its live link; its name becomes free.</summary>
    /// <exception cref="AccountRejectedException">The actor may not delete this customer.</exception>
    [Alias("Delete")]
    Task DeleteAsync(Actor actor);

    /// <summary>
    /// Whether a system has connected with this ID and the given credentials (SPEC CUST-3 "Test connection"), answered from
    /// the customer's live link or from the last attempt this grain saw, so a system can be checked before it is saved.
    /// </summary>
    /// <remarks>A null password tests the stored one.</remarks>
    [Alias("TestConnection")]
    Task<ConnectionTest> TestConnectionAsync(Actor actor, string serviceUser, string? password);

    /// <summary>Sends the system's subscription details to its technical contact through the configured SMTP server (SPEC CUST-7).</summary>
    /// <exception cref="AccountRejectedException">The actor may not resend, or does not see this customer.</exception>
    /// <exception cref="CustomerRejectedException">No technical contact e-mail, a Legacy system, no SMTP server, or the server refused the mail.</exception>
    /// <remarks>Interleaved: it only reads the record, and a slow SMTP server must not hold up the device's calls.</remarks>
    [Alias("ResendSubscriptionMail"), Orleans.Concurrency.AlwaysInterleave]
    Task ResendSubscriptionMailAsync(Actor actor);

    /// <summary>Removes a deleted account's login from the assigned users, so a new account of that login inherits nothing.</summary>
    /// <remarks>Does nothing while an account of that login exists.</remarks>
    [Alias("ForgetAssignee")]
    Task ForgetAssigneeAsync(string login);

    /// <summary>Takes over a customer whose ID changed (SPEC CUST-3); only another customer grain calls this.</summary>
    /// <exception cref="CustomerRejectedException">This ID is taken.</exception>
    [Alias("Adopt")]
    Task AdoptAsync(CustomerTransfer transfer);

    /// <summary>The customer as lists and detail pages show it; null when no such customer exists.</summary>
    [Alias("GetSummary")]
    Task<CustomerSummary?> GetSummaryAsync();

}
