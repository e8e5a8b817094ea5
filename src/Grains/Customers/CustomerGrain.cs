using Com.DeviceProtocol;
using Com.Grains.Accounts;
using Com.Grains.Alarms;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;
using Com.Storage.Alarms;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Com.Grains.Customers;

/// <summary>
/// A customer system: its record, last known network, connectivity and live link. Activated on the silo whose gateway
/// took the device's socket, so commands and tunnel bytes stay local.
/// </summary>
[PreferLocalPlacement]
public sealed partial class CustomerGrain(
    [PersistentState("customer", ComStorage.Default)] IPersistentState<CustomerState> state,
    IDataProtectionProvider protection,
    AlarmStore alarmStore,
    Mail.SubscriptionMail subscriptionMail,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<CustomerGrain> logger)
    : Grain, ICustomerGrain
{
    private readonly IDataProtector passwords = protection.CreateProtector("com.customer.service-password");
    private string? password;
    private AlarmBook alarms = new("", []);

    private string Id => this.GetPrimaryKeyString()["cust:".Length..];

    private DirectoryPublisher? directory;

    private DirectoryPublisher Directory =>
        directory ??= new DirectoryPublisher(() => GrainFactory.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key), Id, time, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Record is not null)
            alarms = new AlarmBook(Id, await alarmStore.LoadAsync(Id, cancellationToken));
        if (state.State.Link is { } link && state.State.Connectivity?.Code is not (ConnectivityCode.Offline or null))
            await ConfirmLinkAsync(link, state.State.LinkId);
    }

    public async Task<CustomerSummary> ProvisionAsync(NewCustomer customer)
    {
        // The one creation path: the form (CreateAsync) and the provisioning API both end here, checked by the same rules.
        var (prepared, problem) = CustomerRules.Prepare(customer with { Record = customer.Record with { Id = Id } });
        if (prepared is null)
            throw new CustomerRejectedException(problem!);
        if (state.RecordExists && state.State.Record is not null)
            throw new CustomerRejectedException("CustomerIdTaken");
        var record = prepared.Record;
        if (!await DirectoryGrain.ReserveNameAsync(record.Name, Id))
            throw new CustomerRejectedException("CustomerNameTaken");
        try
        {
            state.State = new CustomerState
            {
                Record = record,
                ProtectedPassword = passwords.Protect(prepared.ServicePassword),
                Connectivity = new Connectivity(TrafficLight.Red, ConnectivityCode.AwaitingInitialConnection, time.GetUtcNow()),
            };
            password = prepared.ServicePassword;
            alarms = new AlarmBook(Id, []);
            await SaveAsync();
            return Summary()!;
        }
        catch
        {
            state.State = new CustomerState();
            await DirectoryGrain.ReleaseNameAsync(record.Name, Id);
            throw;
        }
    }

    public Task<CustomerSummary?> GetSummaryAsync() => Task.FromResult(Summary());

    public Task RefreshDirectoryAsync()
    {
        // Asked after the directory's crash: a customer deleted just before may still be listed there.
        if (state.State.Record is null)
            Directory.Publish(CustomerSummary.Tombstone(Id));
        Publish();
        return Task.CompletedTask;
    }

    public Task<NetworkReport?> GetNetworkAsync() => Task.FromResult(state.State.Network);

    public async Task<LinkVerdict> ConnectAsync(LinkHello hello, IDeviceLink link)
    {
        var now = time.GetUtcNow();
        if (state.State.Record is not { } record)
        {
            lastRefused = new RefusedHello(hello.ServiceUser, hello.Password, now);
            return LinkVerdict.Refused(RefusalReasons.UnknownCustomer, new Connectivity(TrafficLight.Red, ConnectivityCode.ConnectionFailed, now));
        }

        if (ConnectivityRules.Refusal(hello, record, ServicePassword()) is var (reason, code))
        {
            var refused = new Connectivity(ConnectivityRules.LightOf(code), code, now);
            lastRefused = new RefusedHello(hello.ServiceUser, hello.Password, now);
            // A live link outranks a refused attempt: whoever knows the ID must not be able to turn a healthy customer orange.
            if (!HasLiveLink())
            {
                state.State.Connectivity = refused;
                await SaveAsync();
            }
            LogRefused(Id, reason);
            return LinkVerdict.Refused(reason, refused);
        }

        if (state.State.Link is { } previous && state.State.LinkId != hello.LinkId)
            previous.CloseInBackground(state.State.LinkId, RefusalReasons.Replaced, Id, logger);
        state.State.Link = link;
        state.State.LinkId = hello.LinkId;
        state.State.LinkSilo = hello.Silo;
        state.State.Network = hello.Network;
        state.State.Account = hello.Account;
        state.State.LastConnected = now;
        state.State.Connectivity = ConnectivityRules.OfLiveLink(hello.Network, hello.Account, now);
        await SaveAsync();
        FollowTheLink(hello.Silo);
        return new LinkVerdict(true, null, state.State.Connectivity);
    }

    public async Task ReportConnectionFailedAsync()
    {
        if (state.State.Record is null || HasLiveLink())
            return;
        state.State.Connectivity = new Connectivity(TrafficLight.Red, ConnectivityCode.ConnectionFailed, time.GetUtcNow());
        await SaveAsync();
    }

    public async Task LinkLostAsync(Guid linkId, DateTimeOffset at)
    {
        if (linkId != state.State.LinkId || state.State.Link is null)
            return;
        MarkOffline(at);
        await SaveAsync();
    }

    public async Task<bool> ReportServersAsync(Guid linkId, ServerInfo[] servers)
    {
        if (!IsCurrent(linkId) || state.State.Network is not { } network)
            return false;
        var changed = network with { Servers = servers };
        if (changed.Servers.SequenceEqual(network.Servers))
            return true;
        state.State.Network = changed;
        var connectivity = ConnectivityRules.OfLiveLink(changed, state.State.Account ?? ServiceAccountReport.Healthy, time.GetUtcNow());
        if (connectivity.Code != state.State.Connectivity?.Code || connectivity.Detail != state.State.Connectivity?.Detail)
            state.State.Connectivity = connectivity;
        await SaveAsync();
        return true;
    }

    public async Task<bool> ReportAlarmAsync(Guid linkId, AlarmReport alarm)
    {
        if (!IsCurrent(linkId))
            return false;
        // Stored before the device hears its ack: an acknowledged alarm survives any silo's death.
        if (alarms.Propose(alarm, time.GetUtcNow()) is { } row)
        {
            if (alarms.IsFullFor(row))
            {
                if (alarms.OldestEnded() is not { } evicted)
                {
                    // Acknowledged all the same: the system would resend it forever, and nothing in it can be kept.
                    LogAlarmBoundReached(Id, AlarmBook.MaxRows);
                    return true;
                }
                await alarmStore.DeleteAsync(Id, [evicted.Key]);
                alarms.Remove([evicted.Key]);
            }
            await alarmStore.UpsertAsync(row);
            alarms.Commit(row);
            Publish();
        }
        return true;
    }

    public async Task<AlarmClearResult> ClearAlarmsAsync(Actor actor, AlarmKey[] keys)
    {
        await RequireAsync(actor, Capability.ClearAlarms);
        return await ClearAsync(keys);
    }

    public async Task<AlarmClearResult> ClearAlarmTypeAsync(Actor actor, AlarmCategory category)
    {
        await RequireAsync(actor, Capability.ClearAlarms);
        return await ClearAsync([.. alarms.KeysOf(category)]);
    }

    private async Task<AlarmClearResult> ClearAsync(AlarmKey[] keys)
    {
        var (clearable, ongoing) = alarms.Clearable(keys);
        if (clearable.Length > 0)
        {
            await alarmStore.DeleteAsync(Id, clearable);
            alarms.Remove(clearable);
            Publish();
        }
        return new AlarmClearResult(clearable.Length, ongoing);
    }

    private async Task RequireAsync(Actor actor, Capability capability)
    {
        if (Summary() is not { } summary)
            throw new AccountRejectedException("NotAllowed");
        await ActorCheck.RequireAsync(GrainFactory, actor, time.GetUtcNow(), capability, summary);
    }

    /// <summary>
    /// Moves this activation, state and all, to the silo holding the socket once this call is done, so commands and tunnel
    /// bytes do not cross silos after a device reconnected elsewhere.
    /// </summary>
    private void FollowTheLink(string linkSilo)
    {
        if (string.IsNullOrEmpty(linkSilo) || linkSilo == silo.SiloAddress.ToParsableString())
            return;
        RequestContext.Set(IPlacementDirector.PlacementHintKey, SiloAddress.FromParsableString(linkSilo));
        this.MigrateOnIdle();
    }

    private bool IsCurrent(Guid linkId) => state.State.Link is not null && linkId == state.State.LinkId;

    private bool HasLiveLink() => state.State.Link is not null && state.State.Connectivity?.Code is not ConnectivityCode.Offline;

    private void MarkOffline(DateTimeOffset at)
    {
        state.State.Link = null;
        state.State.LastDisconnected = at;
        state.State.Connectivity = new Connectivity(TrafficLight.Red, ConnectivityCode.Offline, at);
    }

    /// <summary>After a reactivation (its silo died, or it idled out), find out whether the link it remembers still lives.</summary>
    private async Task ConfirmLinkAsync(IDeviceLink link, Guid linkId)
    {
        bool open;
        try
        {
            open = await link.IsOpenAsync(linkId).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            open = false;
        }
        if (!open)
        {
            MarkOffline(time.GetUtcNow());
            await SaveAsync();
        }
    }

    private string ServicePassword() => password ??= passwords.Unprotect(state.State.ProtectedPassword);

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        Publish();
    }

    private void Publish()
    {
        if (Summary() is { } summary)
            Directory.Publish(summary);
    }

    private CustomerSummary? Summary() => state.State.Record is not { } record ? null : new CustomerSummary(
        record.Id,
        record.Name,
        state.State.Network?.SystemName,
        state.State.Connectivity!,
        state.State.Network?.Profile ?? SystemProfile.Unknown,
        state.State.Network?.Version,
        state.State.Network?.Servers.Length ?? 0,
        alarms.Ongoing,
        record.Reseller,
        record.Distributor,
        state.State.Link is null ? null : new LiveLink(state.State.LinkSilo, state.State.LinkId),
        alarms.Tally,
        record.TagList,
        record.OperatorList,
        record.Notes,
        state.State.Network?.Flags);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId} raises more than {Bound} distinct ongoing alarms; new ones are not listed")]
    private partial void LogAlarmBoundReached(string customerId, int bound);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link of customer {CustomerId} refused: {Reason}")]
    private partial void LogRefused(string customerId, string reason);
}
