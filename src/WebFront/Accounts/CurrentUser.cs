using Com.Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace Com.WebFront.Accounts;

/// <summary>The signed-in user of this page, as the pages need it: role, and the customers they may see.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, IGrainFactory grains)
{
    /// <summary>Kiosk screens show live data but let nobody change what they show (SPEC ROLE-2).</summary>
    public async Task<bool> IsKioskAsync() => SessionClaims.IsKiosk((await authentication.GetAuthenticationStateAsync()).User);

    /// <summary>The signed-in user as grains expect it; null without a session.</summary>
    public async Task<Actor?> ActorAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return CapabilityPolicies.RoleOf(user) is { } role && user.Identity?.Name is { } login ? new Actor(login, role) : null;
    }

    public async Task<CustomerScope> ScopeAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (CapabilityPolicies.RoleOf(user) is not { } role || user.Identity?.Name is not { } login)
            return CustomerScope.None;
        if (Permissions.SeesAllCustomers(role))
            return CustomerScope.For(role, login, []);
        var account = await grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).GetAsync();
        return account is null ? CustomerScope.None : CustomerScope.For(role, login, account.Details.LabelList);
    }
}
