using System.Security.Claims;
using Com.Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Com.WebFront.Accounts;

/// <summary>One authorization policy per <see cref="Capability"/>, decided by <see cref="Permissions"/> from the session's role.</summary>
public static class CapabilityPolicies
{
    /// <summary>The policy name for a capability, for <c>[Authorize(Policy = ...)]</c> and <c>AuthorizeView</c>.</summary>
    public static string For(Capability capability) => $"can:{capability}";

    public const string Monitor = "can:Monitor";
    public const string ServerSettings = "can:ServerSettings";
    public const string ManageAccounts = "can:ManageAccounts";
    public const string ManageAllAccounts = "can:ManageAllAccounts";
    public const string ManageProxyAccounts = "can:ManageProxyAccounts";
    public const string TunnelSessions = "can:TunnelSessions";

    public static AuthorizationBuilder AddCapabilityPolicies(this AuthorizationBuilder builder)
    {
        foreach (var capability in Enum.GetValues<Capability>())
            builder.AddPolicy(For(capability), policy => policy.RequireAuthenticatedUser().RequireAssertion(c => Allows(c.User, capability)));
        // The account pages serve both Administrators (every account) and Supervisors (their own Operators).
        builder.AddPolicy(ManageAccounts, policy => policy.RequireAuthenticatedUser().RequireAssertion(c =>
            Allows(c.User, Capability.ManageAllAccounts) || Allows(c.User, Capability.ManageOwnOperators)));
        return builder;
    }

    public static Role? RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) && Enum.IsDefined(role) ? role : null;

    public static bool Allows(ClaimsPrincipal user, Capability capability) =>
        user.Identity?.IsAuthenticated == true && RoleOf(user) is { } role && Permissions.Allows(role, capability);
}
