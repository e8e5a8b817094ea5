using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Com.WebFront.Accounts;

/// <summary>
/// A form post whose anti-forgery token is missing or stale is the sender's fault: it answers 400 here, before the
/// endpoint reads its form and throws (a 500 that told the user nothing and the operator of a fault that was not one).
/// </summary>
public static class ForgedFormRejection
{
    /// <summary>Must come right after <c>UseAntiforgery</c>, which records the verdict this reads.</summary>
    public static IApplicationBuilder UseForgedFormRejection(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            // The status page explains it to the person; its text says how to recover (reload the form).
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(http);
    });
}
