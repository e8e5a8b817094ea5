using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Alarms;

namespace Com.Grains.Interfaces.Customers;

/// <summary>One customer: its record, its last known network, its connectivity and its live link. Key: <see cref="CustomerIds.GrainKey"/>.</summary>
[Alias("com.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
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

    /// <summary>Servers of the network as last reported.</summary>
    [Alias("GetNetwork")]
    Task<NetworkReport?> GetNetworkAsync();

    /// <summary>A device presents its credentials and network; a newer link replaces an older one.</summary>
    [Alias("Connect")]
    Task<LinkVerdict> ConnectAsync(LinkHello hello, IDeviceLink link);

    /// <summary>Something connected for this customer but its hello made no sense (SPEC LINK-3 "connection failed").</summary>
    [Alias("ReportConnectionFailed")]
    Task ReportConnectionFailedAsync();

    /// <summary>The socket of <paramref name="linkId"/> is gone; ignored when a newer link has taken over.</summary>
    [Alias("LinkLost")]
    Task LinkLostAsync(Guid linkId, DateTimeOffset at);

    /// <summary>The device reports a change of its servers (one went offline, a version changed).</summary>
    /// <returns>True once the change is stored; false when <paramref name="linkId"/> is no longer the customer's link.</returns>
    [Alias("ReportServers")]
    Task<bool> ReportServersAsync(Guid linkId, ServerInfo[] servers);

    /// <summary>Sends this customer's row to the directory again, which asks for it after it was reactivated from storage.</summary>
    [Alias("RefreshDirectory"), Orleans.Concurrency.OneWay]
    Task RefreshDirectoryAsync();

    /// <summary>The device raises or clears an alarm; raising one already ongoing, or clearing one that is not, changes nothing.</summary>
    /// <returns>True once the alarm state is stored; false when <paramref name="linkId"/> is no longer the customer's link.</returns>
    [Alias("ReportAlarm")]
    Task<bool> ReportAlarmAsync(Guid linkId, AlarmReport alarm);

    /// <summary>Removes alarms from the list (SPEC ALRM-4); alarms the system still raises are kept and counted.</summary>
    /// <exception cref="AccountRejectedException">The actor may not clear alarms, or does not see this customer.</exception>
    [Alias("ClearAlarms")]
    Task<AlarmClearResult> ClearAlarmsAsync(Actor actor, AlarmKey[] keys);

    /// <summary>Removes every alarm of one type that is no longer ongoing (SPEC ALRM-4 "clear all of one type").</summary>
    /// <exception cref="AccountRejectedException">The actor may not clear alarms, or does not see this customer.</exception>
    [Alias("ClearAlarmType")]
    Task<AlarmClearResult> ClearAlarmTypeAsync(Actor actor, AlarmCategory category);
}
