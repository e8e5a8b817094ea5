using Com.Grains.Interfaces.Accounts;

namespace Com.Grains.Accounts;

/// <summary>Rows of every account in memory and in PostgreSQL; a few thousand accounts at most, written on each change.</summary>
public sealed class AccountDirectoryGrain(
    [PersistentState("account-directory", ComStorage.Default)] IPersistentState<AccountDirectoryState> state,
    SecurityClock clock)
    : Grain, IAccountDirectoryGrain
{
    public async Task UpsertAsync(AccountView account)
    {
        state.State.Accounts[IUserGrain.KeyFor(account.Login)] = account;
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(string login)
    {
        if (state.State.Accounts.Remove(IUserGrain.KeyFor(login)))
            await state.WriteStateAsync();
    }

    public async Task<AccountView[]> ListForAsync(Actor actor)
    {
        await ActorCheck.RequireAsync(GrainFactory, actor, clock.Now);
        return [.. state.State.Accounts.Values
            .Where(a => Permissions.MayManageAccount(actor.Role, actor.Login, a.Details.Role, a.CreatedBy))
            .OrderBy(a => a.Login, StringComparer.OrdinalIgnoreCase)];
    }
}

[GenerateSerializer, Alias("com.AccountDirectoryState.v1")]
public sealed class AccountDirectoryState
{
    /// <summary>By grain key of the login.</summary>
    [Id(0)]
    public Dictionary<string, AccountView> Accounts { get; set; } = [];
}
