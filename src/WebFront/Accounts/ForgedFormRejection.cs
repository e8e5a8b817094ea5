using Com.WebFront.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

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
            // The answer carries its own text: the status page, executed again for the same POST, would read the
            // rejected form again and throw.
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>()["FormNotValid"];
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(text);
            return;
        }
        await next(http);
    });
}
