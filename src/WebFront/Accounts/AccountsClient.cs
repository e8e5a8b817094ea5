using Com.Grains.Interfaces.Accounts;

namespace Com.WebFront.Accounts;

/// <summary>
/// The account pages' door to the user grains, acting as the signed-in user; refusals and failovers come back as resource
/// keys (<see cref="ClusterCalls"/>), reads that fail over come back empty.
/// </summary>
public sealed class AccountsClient(IGrainFactory grains, ClusterCalls calls)
{
    public Task<AccountView[]> ListAsync() =>
        calls.ReadAsync(actor => grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).ListForAsync(actor), []);

    /// <summary>The signed-in user's own account (for the labels a Supervisor may hand out).</summary>
    public Task<AccountView?> OwnAsync() => calls.ReadAsync<AccountView?>(async actor => await User(actor.Login).GetAsync(), null);

    public Task<bool> HasAvatarAsync() => calls.ReadAsync(async actor => await User(actor.Login).GetAvatarAsync() is not null, false);

    /// <summary>Saves the signed-in user's own details; returns the refusal's resource key, or null when saved.</summary>
    public Task<string?> UpdateProfileAsync(ProfileDetails profile) => calls.AttemptAsync(actor => User(actor.Login).UpdateProfileAsync(profile));

    /// <summary>Stores a picture <see cref="AvatarImage"/> re-encoded; returns the refusal's resource key, or null when saved.</summary>
    public Task<string?> SetAvatarAsync(byte[] png) => calls.AttemptAsync(actor => User(actor.Login).SetAvatarAsync(png));

    /// <summary>The security log, newest first, as the signed-in Administrator may read it.</summary>
    public Task<SecurityEventView[]> ReadAuditAsync(int skip, int take, string? account) =>
        calls.ReadAsync(actor => grains.GetGrain<ISecurityAuditGrain>(0).ReadAsync(actor, skip, take, account), []);

    public Task<string?> CreateAsync(string login, AccountDetails details, string password) =>
        calls.AttemptAsync(actor => User(login).CreateAsync(actor, login, details, password));

    public Task<string?> UpdateAsync(string login, AccountDetails details, string? password) =>
        calls.AttemptAsync(actor => User(login).UpdateAsync(actor, details, password));

    public Task<string?> DeleteAsync(string login) => calls.AttemptAsync(actor => User(login).DeleteAsync(actor));

    private IUserGrain User(string login) => grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login));
}
