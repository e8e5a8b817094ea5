using Com.DeviceProtocol;
using Com.Grains.Accounts;
using Com.Grains.Alarms;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Preferences;
using Com.Grains.RemoteSupport;
using Com.Storage.Customers;
using Microsoft.AspNetCore.DataProtection;

namespace Com.Grains.Customers;

/// <summary>Adding, editing, moving and deleting a customer by hand (SPEC CUST-3/CUST-4), and "Test connection".</summary>
public sealed partial class CustomerGrain
{
    private RefusedHello? lastRefused;

    public Task<CustomerSummary> ProvisionAsync(NewCustomer customer) => AddAsync(customer.Record, customer.ServicePassword);

    public async Task<CustomerSummary> CreateAsync(Actor actor, NewCustomer customer)
    {
        await ActorCheck.RequireAsync(GrainFactory, actor, time.GetUtcNow(), Capability.AddOrDeleteCustomers);
        var record = CustomerRules.Normalize(customer.Record with { Id = Id });
        // An Operator adding a customer its labels do not match would lose sight of it at once.
        if (!Permissions.SeesAllCustomers(actor.Role) && !record.OperatorList.Contains(actor.Login, StringComparer.OrdinalIgnoreCase))
            record = record with { AssignedOperators = [.. record.OperatorList, actor.Login] };
        await OperatorAssignment.RequireAsync(GrainFactory, actor, null, record);
        return await AddAsync(record, customer.ServicePassword);
    }

    public Task<CustomerSummary?> GetSummaryAsync() => Task.FromResult(Summary());

    /// <summary>The one creation path, for the provisioning API and the web form alike: the same rules, the same name check.</summary>
    private async Task<CustomerSummary> AddAsync(CustomerRecord asGiven, string servicePassword)
    {
        var (prepared, problem) = CustomerRules.Prepare(new NewCustomer(asGiven with { Id = Id }, servicePassword));
        if (prepared is null)
            throw new CustomerRejectedException(problem!);
        var record = prepared.Record;
        if (state.State.Record is not null)
            throw new CustomerRejectedException("CustomerIdTaken");
        var reservation = await names.ReserveAsync(record.Name, Id);
        if (reservation == NameReservation.Taken)
            throw new CustomerRejectedException("CustomerNameTaken");
        state.State = new CustomerState
        {
            Record = record,
            ProtectedPassword = passwords.Protect(servicePassword),
            Connectivity = new Connectivity(TrafficLight.Red, ConnectivityCode.AwaitingInitialConnection, time.GetUtcNow()),
        };
        password = servicePassword;
        alarms = new AlarmBook(Id, []);
        try
        {
            await SaveAsync();
        }
        catch
        {
            state.State = new CustomerState();
            password = null;
            if (reservation == NameReservation.Reserved)
                await names.ReleaseAsync(record.Name, Id);
            throw;
        }
        await ProxyAccountCreation.EnsureAsync(proxyAccounts, record, logger);
        return Summary()!;
    }

    public async Task<CustomerDetails?> GetDetailsAsync(Actor actor)
    {
        if (state.State.Record is not { } record)
            return null;
        await RequireAsync(actor, Capability.Monitor);
        return new CustomerDetails(record, Summary()!, state.State.Network, state.State.LastConnected, state.State.LastDisconnected);
    }

    public async Task<CustomerSummary> UpdateAsync(Actor actor, CustomerEdit edit)
    {
        await RequireAsync(actor, Capability.EditCustomers);
        var before = state.State.Record!;
        var record = CustomerRules.Normalize(edit.Record);
        var problem = CustomerRules.Check(record)
            ?? (edit.NewServicePassword is { Length: > 0 } newPassword ? CustomerRules.CheckPassword(newPassword) : null);
        if (problem is not null)
            throw new CustomerRejectedException(problem);
        await OperatorAssignment.RequireAsync(GrainFactory, actor, before, record);
        if (record.Id != Id)
            return await MoveAsync(before, record, edit.NewServicePassword);

        if (!await names.MoveAsync(before.Name, Id, record.Name, Id))
            throw new CustomerRejectedException("CustomerNameTaken");
        var credentialsChanged = !string.Equals(before.ServiceUser, record.ServiceUser, StringComparison.OrdinalIgnoreCase)
            || edit.NewServicePassword is { Length: > 0 };
        var (link, linkId) = (state.State.Link, state.State.LinkId);
        state.State.Record = record;
        if (edit.NewServicePassword is { Length: > 0 } changed)
            state.State.ProtectedPassword = passwords.Protect(changed);
        // The link was let in with the old credentials: it must present the new ones.
        if (credentialsChanged && link is not null)
            Link.MarkOffline(time.GetUtcNow());
        try
        {
            await SaveAsync();
        }
        catch
        {
            // Nothing changed after all: the record, the password and the name go back to what they were.
            await state.ReadStateAsync();
            await names.MoveAsync(record.Name, Id, before.Name, Id);
            throw;
        }
        password = null;
        if (credentialsChanged && link is not null)
            link.CloseInBackground(linkId, RefusalReasons.AuthorisationFailed, Id, logger);
        await ProxyAccountCreation.EnsureAsync(proxyAccounts, record, logger);
        return Summary()!;
    }

    public async Task DeleteAsync(Actor actor)
    {
        if (state.State.Record is null)
        {
            // Deleted already, but the silo may have died before the directory heard: tell it again.
            await ActorCheck.RequireAsync(GrainFactory, actor, time.GetUtcNow(), Capability.AddOrDeleteCustomers);
            await names.ForgetAsync(Id);
            Directory.Publish(CustomerSummary.Tombstone(Id));
            return;
        }
        await RequireAsync(actor, Capability.AddOrDeleteCustomers);
        await ForgetAsync(RefusalReasons.UnknownCustomer);
    }

    public async Task ForgetAssigneeAsync(string login)
    {
        if (state.State.Record is not { } record || !record.OperatorList.Contains(login, StringComparer.OrdinalIgnoreCase)
            // GetAsync interleaves: the user grain asking this is itself waiting for the answer.
            || await GrainFactory.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).GetAsync() is not null)
            return;
        state.State.Record = record with { AssignedOperators = [.. record.OperatorList.Where(o => !string.Equals(o, login, StringComparison.OrdinalIgnoreCase))] };
        await SaveAsync();
    }

    public async Task<ConnectionTest> TestConnectionAsync(Actor actor, string serviceUser, string? password)
    {
        var capability = state.State.Record is null ? Capability.AddOrDeleteCustomers : Capability.EditCustomers;
        if (state.State.Record is null)
            await ActorCheck.RequireAsync(GrainFactory, actor, time.GetUtcNow(), capability);
        else
            await RequireAsync(actor, capability);
        var presented = password ?? (state.State.Record is null ? "" : ServicePassword());
        if (state.State.Record is { } record && Link.IsLive && string.Equals(record.ServiceUser, serviceUser.Trim(), StringComparison.OrdinalIgnoreCase)
            && CredentialCheck.PasswordsMatch(presented, ServicePassword()))
            return new ConnectionTest(ConnectionTestOutcome.Connected, state.State.LastConnected);
        if (lastRefused is not { } attempt)
            return new ConnectionTest(ConnectionTestOutcome.NoAttempt, null);
        return new ConnectionTest(
            attempt.Matches(serviceUser, presented) ? ConnectionTestOutcome.CredentialsMatch : ConnectionTestOutcome.CredentialsDiffer, attempt.At);
    }

    public async Task ResendSubscriptionMailAsync(Actor actor)
    {
        await RequireAsync(actor, Capability.ResendSubscriptionMail);
        if (!CustomerActions.SystemAllows(CustomerAction.ResendSubscriptionMail, Summary()!))
            throw new CustomerRejectedException("ActionNotForThisSystem");
        if (state.State.Record is not { TechnicalContactEmail: { Length: > 0 } } record)
            throw new CustomerRejectedException("NoTechnicalContact");
        await subscriptionMail.SendAsync(record);
    }

    public async Task AdoptAsync(CustomerTransfer transfer)
    {
        if (state.State.Record is not null)
            throw new CustomerRejectedException("CustomerIdTaken");
        state.State = new CustomerState
        {
            Record = transfer.Record with { Id = Id },
            ProtectedPassword = transfer.ProtectedPassword,
            Network = transfer.Network,
            LastConnected = transfer.LastConnected,
            LastDisconnected = transfer.LastDisconnected,
            // Its system still knows the old ID until someone changes it there.
            Connectivity = new Connectivity(TrafficLight.Red, ConnectivityCode.AwaitingInitialConnection, time.GetUtcNow()),
        };
        password = null;
        alarms = new AlarmBook(Id, await alarmStore.LoadAsync(Id));
        await SaveAsync();
        // A move may come with a new reseller or distributor.
        await ProxyAccountCreation.EnsureAsync(proxyAccounts, transfer.Record, logger);
    }

    /// <summary>Moves the customer to a new ID when the preference allows: the new grain takes the state, the alarms follow.</summary>
    private async Task<CustomerSummary> MoveAsync(CustomerRecord before, CustomerRecord record, string? newPassword)
    {
        var preferences = await GrainFactory.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key).GetAsync();
        if (!preferences.AllowCustomerIdChange)
            throw new CustomerRejectedException("CustomerIdChangeNotAllowed");
        var target = GrainFactory.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(record.Id));
        if (await target.GetSummaryAsync() is not null)
            throw new CustomerRejectedException("CustomerIdTaken");
        if (!await names.MoveAsync(before.Name, Id, record.Name, record.Id))
            throw new CustomerRejectedException("CustomerNameTaken");
        var protectedPassword = newPassword is { Length: > 0 } ? passwords.Protect(newPassword) : state.State.ProtectedPassword;
        try
        {
            await alarmStore.MoveAsync(Id, record.Id);
            await target.AdoptAsync(new CustomerTransfer(record, protectedPassword, state.State.Network, state.State.LastConnected, state.State.LastDisconnected));
        }
        catch
        {
            // The new ID did not take (its grain was claimed meanwhile, or storage failed): alarms and name come back here.
            await alarmStore.MoveAsync(record.Id, Id);
            await names.MoveAsync(record.Name, record.Id, before.Name, Id);
            throw;
        }
        await ForgetAsync(RefusalReasons.UnknownCustomer, alarmsMoved: true);
        return (await target.GetSummaryAsync())!;
    }

    /// <summary>Ends the live link, drops the alarms and the state, and tells the directory the row is gone.</summary>
    private async Task ForgetAsync(string reason, bool alarmsMoved = false)
    {
        var revision = state.State.Revision + 1;
        if (state.State.Link is { } link)
            link.CloseInBackground(state.State.LinkId, reason, Id, logger);
        if (!alarmsMoved)
            await alarmStore.DeleteAllAsync(Id);
        alarms = new AlarmBook(Id, []);
        await state.ClearStateAsync();
        await names.ForgetAsync(Id);
        state.State = new CustomerState();
        password = null;
        Directory.Publish(CustomerSummary.Tombstone(Id, revision));
    }
}
