using System.Security.Claims;
using Com.Grains.Interfaces.Accounts;
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
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapPost("/signin", SignInAsync).AllowAnonymous();
        account.MapPost("/signout", (Func<HttpContext, Task<IResult>>)SignOutAsync);
        account.MapGet("/culture", ChooseCulture).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IGrainFactory grains,
        [FromForm] string? login, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var back = LocalOrHome(returnUrl);
        if (string.IsNullOrWhiteSpace(login) || login.Length > 64 || string.IsNullOrEmpty(password) || password.Length > 128)
            return Results.LocalRedirect($"~/signin?error=InvalidCredentials&returnUrl={Uri.EscapeDataString(back)}");

        var verdict = await grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).SignInAsync(password);
        if (verdict.Outcome != SignInOutcome.Success)
            return Results.LocalRedirect($"~/signin?error={verdict.Outcome}&returnUrl={Uri.EscapeDataString(back)}");

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, verdict.Login), new Claim(ClaimTypes.Role, verdict.Role.ToString())],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect($"~{back}");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("~/signin");
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
