using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Com.WebFront.Accounts;

/// <summary>
/// SPEC AUTH-4: a session flagged "must change password" reaches nothing but the password page, the account posts
/// and the files those pages need, whatever URL it types.
/// </summary>
public static class ForcedPasswordChange
{
    private static readonly PathString[] Open = ["/password", "/account", "/_framework", "/_content", "/_blazor", "/status"];

    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (SessionClaims.MustChange(http.User) && !Open.Any(p => http.Request.Path.StartsWithSegments(p)) && !IsStaticFile(http.Request.Path))
        {
            http.Response.Redirect($"{http.Request.PathBase}/password");
            return;
        }
        await next(http);
    });

    private static bool IsStaticFile(PathString path) => Path.HasExtension(path.Value);
}
