using Com.Grains.Interfaces.Accounts;

namespace Com.WebFront.Accounts;

/// <summary>The account pages' door to the user grains, acting as the signed-in user; refusals come back as resource keys.</summary>
public sealed class AccountsClient(IGrainFactory grains, CurrentUser user)
{
    public async Task<AccountView[]> ListAsync() =>
        await user.ActorAsync() is { } actor ? await grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).ListForAsync(actor) : [];

    /// <summary>The signed-in user's own account (for the labels a Supervisor may hand out).</summary>
    public async Task<AccountView?> OwnAsync() => await user.ActorAsync() is { } actor ? await User(actor.Login).GetAsync() : null;

    public async Task<bool> HasAvatarAsync() => await user.ActorAsync() is { } actor && await User(actor.Login).GetAvatarAsync() is not null;

    /// <summary>Saves the signed-in user's own details; returns the refusal's resource key, or null when saved.</summary>
    public Task<string?> UpdateProfileAsync(ProfileDetails profile) => AttemptAsync(actor => User(actor.Login).UpdateProfileAsync(profile));

    /// <summary>Stores a picture <see cref="AvatarImage"/> re-encoded; returns the refusal's resource key, or null when saved.</summary>
    public Task<string?> SetAvatarAsync(byte[] png) => AttemptAsync(actor => User(actor.Login).SetAvatarAsync(png));

    /// <summary>The security log, newest first, as the signed-in Administrator may read it.</summary>
    public async Task<SecurityEventView[]> ReadAuditAsync(int skip, int take, string? account) =>
        await user.ActorAsync() is { } actor ? await grains.GetGrain<ISecurityAuditGrain>(0).ReadAsync(actor, skip, take, account) : [];

    public Task<string?> CreateAsync(string login, AccountDetails details, string password) =>
        AttemptAsync(actor => User(login).CreateAsync(actor, login, details, password));

    public Task<string?> UpdateAsync(string login, AccountDetails details, string? password) =>
        AttemptAsync(actor => User(login).UpdateAsync(actor, details, password));

    public Task<string?> DeleteAsync(string login) => AttemptAsync(actor => User(login).DeleteAsync(actor));

    private IUserGrain User(string login) => grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login));

    private async Task<string?> AttemptAsync(Func<Actor, Task> change)
    {
        if (await user.ActorAsync() is not { } actor)
            return "NotAllowed";
        try
        {
            await change(actor);
            return null;
        }
        catch (AccountRejectedException rejected)
        {
            return rejected.Reason;
        }
    }
}
