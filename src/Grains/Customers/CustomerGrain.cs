using Com.Grains.Accounts;
using Com.Grains.Alarms;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;
using Com.Storage.Alarms;
using Com.Storage.Customers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace Com.Grains.Customers;

/// <summary>
/// A customer system: its record, last known network, connectivity and live link. Activated on the silo whose gateway
/// took the device's socket, so commands and tunnel bytes stay local. Each kind of caller has its own interface and
/// file: the device gateway (<c>CustomerGrain.Link.cs</c>), administration (<c>CustomerGrain.Administration.cs</c>)
/// alarms (<c>CustomerGrain.Alarms.cs</c>) and the jobs' action lock (<c>CustomerGrain.Actions.cs</c>); features that act on the system add theirs the same way.
/// </summary>
[PreferLocalPlacement]
public sealed partial class CustomerGrain(
    [PersistentState("customer", ComStorage.Default)] IPersistentState<CustomerState> state,
    IDataProtectionProvider protection,
    AlarmStore alarmStore,
    CustomerNameStore names,
    Com.Storage.RemoteSupport.ProxyAccountStore proxyAccounts,
    Mail.SubscriptionMail subscriptionMail,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    TimeProvider time,
    ActionClock actionClock,
    ILogger<CustomerGrain> logger)
    : Grain, ICustomerLinkGrain, ICustomerAdministrationGrain, ICustomerAlarmsGrain, ICustomerRowSource, ICustomerActionsGrain
{
    private readonly IDataProtector passwords = protection.CreateProtector("com.customer.service-password");
    private string? password;
    private AlarmBook alarms = new("", []);
    private LinkLifecycle? link;
    private DirectoryPublisher? directory;

    private string Id => this.GetPrimaryKeyString()["cust:".Length..];

    private LinkLifecycle Link => link ??= new LinkLifecycle(() => state.State);

    private DirectoryPublisher Directory =>
        directory ??= new DirectoryPublisher(() => GrainFactory.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key), Id, time, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Record is not null)
            alarms = new AlarmBook(Id, await alarmStore.LoadAsync(Id, cancellationToken));
        if (Link.Remembered is var (remembered, linkId))
            await ConfirmLinkAsync(remembered, linkId);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (directory is null)
            return Task.CompletedTask;
        // A duplicate's row lost the race to the activation that stays, so it is dropped. Otherwise the row is the
        // customer's newest and is sent now: after this, calls from this activation fail. Revisions keep any late row
        // from overwriting a newer one.
        if (reason.ReasonCode == DeactivationReasonCode.DuplicateActivation)
        {
            directory.Stop();
            return Task.CompletedTask;
        }
        return directory.HandOverAsync();
    }

    public Task RefreshDirectoryAsync()
    {
        if (state.State.Record is null)
            Directory.Publish(CustomerSummary.Tombstone(Id, state.State.Revision + 1));
        else
            Publish();
        return Task.CompletedTask;
    }

    private async Task RequireAsync(Actor actor, Capability capability)
    {
        if (Summary() is not { } summary)
            throw new AccountRejectedException("NotAllowed");
        await ActorCheck.RequireAsync(GrainFactory, actor, time.GetUtcNow(), capability, summary);
    }

    private string ServicePassword() => password ??= passwords.Unprotect(state.State.ProtectedPassword);

    private async Task SaveAsync()
    {
        state.State.Revision++;
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
        Link.Shown,
        alarms.Tally,
        record.TagList,
        record.OperatorList,
        record.Notes,
        state.State.Network?.Flags,
        Revision: state.State.Revision,
        LatestAction: state.State.LatestAction,
        TimeZone: state.State.Network?.TimeZone);
}
