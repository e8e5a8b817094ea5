using Com.Grains.Accounts;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Storage.Audit;
using Com.Storage.RemoteSupport;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Com.Grains.RemoteSupport;

/// <summary>
/// Lists and sets maintenance proxy accounts for the users whose labels match them (SPEC RS-1). Stateless: the accounts
/// live in <c>com_proxy_accounts</c>, which every silo's proxy reads, and the slow password hash runs wherever asked.
/// </summary>
[StatelessWorker]
public sealed partial class ProxyAccountsGrain(
    ProxyAccountStore store, SecurityAuditLog audit, SecurityClock clock, ILogger<ProxyAccountsGrain> logger) : Grain, IProxyAccountsGrain
{
    public async Task<ProxyAccountView[]> ListAsync(Actor actor)
    {
        var labels = await LabelsAsync(actor);
        if (labels.Count == 0)
            return [];
        var accounts = await store.ListAsync();
        if (await MissingAsync(labels, accounts) is { Count: > 0 } missing)
        {
            await store.EnsureAsync(missing);
            accounts = await store.ListAsync();
        }
        return [.. accounts.Where(a => labels.Contains(a.Name.Trim())).Select(View)];
    }

    public async Task<ProxyAccountView[]> ListForSupportAsync(Actor actor)
    {
        var labels = await LabelsAsync(actor, Capability.RemoteSupportAddresses);
        if (labels.Count == 0)
            return [];
        var accounts = await store.ListAsync();
        return [.. accounts.Where(a => labels.Contains(a.Name.Trim())).Select(a => View(a) with { SetBy = null, SetAt = null })];
    }

    public async Task<ProxyAccountView> SetCredentialsAsync(Actor actor, ProxyCredentials credentials)
    {
        var labels = await LabelsAsync(actor);
        if (!Enum.IsDefined(credentials.Owner) || string.IsNullOrWhiteSpace(credentials.Name) || !labels.Contains(credentials.Name.Trim()))
            throw new AccountRejectedException("NotAllowed");
        var userName = credentials.UserName?.Trim() ?? "";
        if ((ProxyAccountRules.CheckUserName(userName) ?? ProxyAccountRules.CheckPassword(credentials.Password)) is { } problem)
            throw new AccountRejectedException(problem);
        var kind = credentials.Owner == ProxyAccountOwner.Reseller ? ProxyAccountKind.Reseller : ProxyAccountKind.Distributor;
        var (outcome, account) = await store.UpdateCredentialsAsync(
            kind, credentials.Name, userName, ProxyPasswords.Hash(credentials.Password), actor.Login, credentials.Replace);
        if (outcome != CredentialsUpdate.Updated || account is null)
        {
            LogRefused(logger, credentials.Name, actor.Login, outcome);
            throw new AccountRejectedException(outcome switch
            {
                CredentialsUpdate.UserNameTaken => "ProxyUserNameTaken",
                CredentialsUpdate.AlreadySet => "ProxyCredentialsAlreadySet",
                _ => "ProxyAccountUnknown",
            });
        }
        await audit.AppendAsync(new SecurityEvent(clock.Now, SecurityEvents.ProxyCredentialsSet, actor.Login, account.Label, $"user name {userName}"));
        LogSet(logger, account.Label, actor.Login, userName);
        return View(account);
    }

    /// <summary>The labels of an actor that has <paramref name="capability"/> and still holds its account and role.</summary>
    private async Task<HashSet<string>> LabelsAsync(Actor actor, Capability capability = Capability.ManageProxyAccounts)
    {
        if (!Permissions.Allows(actor.Role, capability))
            throw new AccountRejectedException("NotAllowed");
        var account = await GrainFactory.GetGrain<IUserGrain>(IUserGrain.KeyFor(actor.Login)).GetAsync();
        if (!ActorCheck.Holds(account, actor, clock.Now))
            throw new AccountRejectedException("NotAllowed");
        // Trimmed and without case, as CustomerScope matches labels to customers' reseller and distributor.
        return new HashSet<string>(account!.Details.LabelList.Select(l => l.Trim()).Where(l => l.Length > 0), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Accounts of these labels that customers name but that do not exist: customers saved before accounts were made on
    /// save, or while the database refused (<see cref="ProxyAccountCreation"/>). The directory holds every customer's
    /// reseller and distributor in memory, so asking costs one call.
    /// </summary>
    private async Task<List<(ProxyAccountKind Kind, string Name)>> MissingAsync(HashSet<string> labels, IReadOnlyList<ProxyAccount> accounts)
    {
        CustomerPartners partners;
        try
        {
            partners = await GrainFactory.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key).PartnersAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The accounts that exist are still worth showing; the missing ones come at the next look.
            LogNoDirectory(logger, e);
            return [];
        }
        var existing = accounts.Select(a => (a.Kind, a.Name.Trim().ToUpperInvariant())).ToHashSet();
        var named = partners.Resellers.Select(name => (Kind: ProxyAccountKind.Reseller, Name: name))
            .Concat(partners.Distributors.Select(name => (Kind: ProxyAccountKind.Distributor, Name: name)));
        return [.. named.Where(a => labels.Contains(a.Name) && !existing.Contains((a.Kind, a.Name.ToUpperInvariant())))];
    }

    private static ProxyAccountView View(ProxyAccount account) => new(
        account.Kind == ProxyAccountKind.Reseller ? ProxyAccountOwner.Reseller : ProxyAccountOwner.Distributor,
        account.Name,
        account.UserName,
        account.HasCredentials ? account.UpdatedBy : null,
        account.HasCredentials ? account.UpdatedAt : null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance proxy credentials of {Account} set by {Login}, user name {UserName}")]
    private static partial void LogSet(ILogger logger, string account, string login, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The customer directory did not answer; proxy accounts that customers name but that are missing are not created this time")]
    private static partial void LogNoDirectory(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance proxy credentials of {Account} not set for {Login}: {Outcome}")]
    private static partial void LogRefused(ILogger logger, string account, string login, CredentialsUpdate outcome);
}
