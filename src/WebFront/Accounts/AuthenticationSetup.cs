using Com.Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Com.WebFront.Accounts;

internal static class AuthenticationSetup
{
    public const string Administrators = "Administrators";

    /// <summary>Cookie sessions; every endpoint needs a signed-in user unless it says otherwise.</summary>
    public static IServiceCollection AddComAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "com.session";
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.HttpOnly = true;
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/forbidden";
                options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                options.SlidingExpiration = true;
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Administrators, policy => policy.RequireRole(nameof(Role.Administrator)));
        services.AddCascadingAuthenticationState();
        return services;
    }
}
