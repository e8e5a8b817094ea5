using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Com.WebFront.Accounts;

/// <summary>
/// Sign-in posts per browser address and minute. The per-account lockout is what stops guessing; this bounds the
/// work anyone can cause without an account. Generous, because a whole office may share one address.
/// </summary>
public static class SignInLimit
{
    public const string Policy = "sign-in";
    private const int PerMinute = 100;

    public static IServiceCollection AddSignInLimit(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.OnRejected = (context, _) =>
        {
            context.HttpContext.Response.Redirect($"{context.HttpContext.Request.PathBase}/signin?error=TooManyAttempts");
            return ValueTask.CompletedTask;
        };
    });
}
