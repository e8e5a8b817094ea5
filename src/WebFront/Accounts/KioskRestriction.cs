using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Com.WebFront.Accounts;

/// <summary>
/// SPEC ROLE-2 on the server: a kiosk session shows the dashboard or the customer list and nothing else, whatever
/// URL is typed into it. The menus are hidden too, but hiding is not enforcing.
/// </summary>
public static class KioskRestriction
{
    private static readonly PathString[] Open = ["/account", "/_framework", "/_content", "/_blazor", "/status"];
    private static readonly string[] Screens = ["/", "/customers"];

    public static IApplicationBuilder UseKioskRestriction(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if (SessionClaims.IsKiosk(http.User) && !Screens.Contains(path.Value ?? "/") && !Open.Any(p => path.StartsWithSegments(p))
            && !Path.HasExtension(path.Value))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        await next(http);
    });
}
