using System.Security.Claims;
using Com.Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Com.WebFront.Accounts;

/// <summary>
/// Ends sessions whose account changed under them: deleted, disabled, given another role or labels, or a new password.
/// Checked on every request and every minute in open Blazor circuits, which make no requests of their own.
/// </summary>
public static class SessionValidation
{
    public static async Task<bool> IsCurrentAsync(IGrainFactory grains, ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true, Name: { } login })
            return false;
        var stamp = await grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).SessionStampAsync();
        return stamp is not null && stamp == user.FindFirstValue(SessionClaims.Stamp);
    }

    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
            return;
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        if (await IsCurrentAsync(grains, context.Principal))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}

/// <summary>The Blazor side of <see cref="SessionValidation"/>: an open page loses its session within a minute of the change.</summary>
public sealed class RevalidatingSessionStateProvider(ILoggerFactory loggers, IGrainFactory grains)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        SessionValidation.IsCurrentAsync(grains, authenticationState.User);
}
