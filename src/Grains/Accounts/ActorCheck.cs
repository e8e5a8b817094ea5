using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Accounts;

/// <summary>
/// The role in a session's cookie is only what it was at sign-in, and an open page re-checks it once a minute:
/// every grain that acts for a user asks the user's own account first, so a demoted or disabled user acts as nobody.
/// </summary>
internal static class ActorCheck
{
    public static bool Holds(AccountView? account, Actor actor, DateTimeOffset now) =>
        account is { Details: { Disabled: false } details } && details.Role == actor.Role && (details.ExpiresAt is not { } expiry || expiry > now);

    public static async Task RequireAsync(IGrainFactory grains, Actor actor, DateTimeOffset now)
    {
        var account = await grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(actor.Login)).GetAsync();
        if (!Holds(account, actor, now))
            throw new AccountRejectedException("NotAllowed");
    }

    /// <summary>The actor holds its account and its role has <paramref name="capability"/>.</summary>
    public static async Task RequireAsync(IGrainFactory grains, Actor actor, DateTimeOffset now, Capability capability)
    {
        if (!Permissions.Allows(actor.Role, capability))
            throw new AccountRejectedException("NotAllowed");
        await RequireAsync(grains, actor, now);
    }

    /// <summary>The actor holds its account, its role has <paramref name="capability"/>, and it sees <paramref name="customer"/>.</summary>
    public static async Task RequireAsync(IGrainFactory grains, Actor actor, DateTimeOffset now, Capability capability, CustomerSummary customer)
    {
        var account = await grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(actor.Login)).GetAsync();
        if (!Holds(account, actor, now) || !Permissions.Allows(actor.Role, capability)
            || !CustomerScope.For(actor.Role, actor.Login, account!.Details.LabelList).Includes(customer))
            throw new AccountRejectedException("NotAllowed");
    }
}
