using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Preferences;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Com.WebFront.Accounts;

/// <summary>Form posts that set or clear the session cookie, and the language choice; Blazor circuits cannot set cookies.</summary>
public static class AccountEndpoints
{
    /// <summary>Kiosk screens are never signed out for idleness (SPEC ROLE-2); a day of sliding lifetime stands for "never".</summary>
    private static readonly TimeSpan KioskLifetime = TimeSpan.FromDays(1);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapPost("/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInLimit.Policy);
        account.MapPost("/signout", (Func<HttpContext, string?, Task<IResult>>)SignOutAsync);
        account.MapPost("/password", ChangePasswordAsync);
        // Called by idle.js on user activity: the cookie middleware slides the session; nothing else happens.
        account.MapPost("/keepalive", () => Results.NoContent());
        account.MapGet("/culture", ChooseCulture).AllowAnonymous();
        account.MapGet("/avatar", OwnAvatarAsync);
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IGrainFactory grains, TimeProvider time,
        [FromForm] string? login, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var back = LocalOrHome(returnUrl);
        // A name no account can have never reaches a grain: random names must not activate grains or read storage.
        if (login is null || AccountRules.CheckLogin(login) is not null || string.IsNullOrEmpty(password) || password.Length > 128)
            return Results.LocalRedirect($"~/signin?error=InvalidCredentials&returnUrl={Uri.EscapeDataString(back)}");

        var verdict = await grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).SignInAsync(password, http.Connection.RemoteIpAddress?.ToString());
        if (verdict.Outcome != SignInOutcome.Success)
            return Results.LocalRedirect($"~/signin?error={verdict.Outcome}&returnUrl={Uri.EscapeDataString(back)}");

        var timeout = verdict.SessionTimeoutMinutes
            ?? (await grains.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key).GetAsync()).SessionTimeoutMinutes;
        var identity = SessionClaims.Identity(verdict, verdict.Stamp, timeout, CookieAuthenticationDefaults.AuthenticationScheme);
        var now = time.GetUtcNow();
        // The cookie slides by its own issued-to-expiry span, so each session keeps its user's timeout (SPEC AUTH-5).
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new(identity), new AuthenticationProperties
        {
            IssuedUtc = now,
            ExpiresUtc = now + (verdict.Kiosk ? KioskLifetime : TimeSpan.FromMinutes(timeout)),
            AllowRefresh = true,
        });
        return Results.LocalRedirect(verdict.MustChangePassword ? "~/password" : $"~{back}");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, string? reason)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(reason == "idle" ? "~/signin?notice=SignedOutIdle" : "~/signin");
    }

    /// <summary>SPEC AUTH-4: a changed password ends the session; the user signs in again with the new one.</summary>
    private static async Task<IResult> ChangePasswordAsync(HttpContext http, IGrainFactory grains,
        [FromForm] string? current, [FromForm] string? password, [FromForm] string? confirm)
    {
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(password) || current.Length > 128 || password.Length > 128)
            return Results.LocalRedirect("~/password?error=PasswordFieldsRequired");
        if (password != confirm)
            return Results.LocalRedirect("~/password?error=PasswordsDiffer");
        try
        {
            await grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(http.User.Identity!.Name!)).ChangePasswordAsync(current, password);
        }
        catch (AccountRejectedException rejected)
        {
            return Results.LocalRedirect($"~/password?error={Uri.EscapeDataString(rejected.Reason)}");
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("~/signin?notice=PasswordChanged");
    }

    /// <summary>The signed-in user's picture; always a PNG COM encoded itself, never the uploaded bytes.</summary>
    private static async Task<IResult> OwnAvatarAsync(HttpContext http, IGrainFactory grains)
    {
        var png = await grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(http.User.Identity!.Name!)).GetAvatarAsync();
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return png is null ? Results.NotFound() : Results.File(png, "image/png");
    }

    private static IResult ChooseCulture(HttpContext http, string? culture, string? returnUrl)
    {
        if (culture is not null && WebFrontHosting.Cultures.Contains(culture))
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, Secure = true, SameSite = SameSiteMode.Lax });
        return Results.LocalRedirect($"~{LocalOrHome(returnUrl)}");
    }

    /// <summary>Only paths inside COM may be returned to: never another site (open redirect).</summary>
    internal static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl)
            ? url
            : "/";
}
