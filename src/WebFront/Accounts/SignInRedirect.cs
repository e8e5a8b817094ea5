using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Com.WebFront.Accounts;

/// <summary>Where a request without a session is sent: the sign-in page, with the page asked for to come back to.</summary>
internal static class SignInRedirect
{
    /// <summary>
    /// The cookie handler's own return URL starts with the path base (<c>/com/customers</c>), while COM's return URLs are
    /// paths inside COM that the sign-in endpoint puts under the path base again: given as is, every bookmark led to
    /// <c>/com/com/customers</c>, a 404. So the return URL is the path inside COM, as the Blazor redirect gives it.
    /// </summary>
    public static Task WithPathInsideCom(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        var inside = (request.Path.HasValue ? request.Path.Value : "/") + request.QueryString;
        context.Response.Redirect(request.PathBase + context.Options.LoginPath + QueryString.Create("returnUrl", inside));
        return Task.CompletedTask;
    }
}
