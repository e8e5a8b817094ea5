using System.Security.Claims;
using Com.Grains.Interfaces.Accounts;

namespace Com.WebFront.Accounts;

/// <summary>What the session cookie carries beside the login and role.</summary>
public static class SessionClaims
{
    /// <summary>The account's security stamp at sign-in: when it changes (password, role, disabled, deleted), the session ends.</summary>
    public const string Stamp = "com:stamp";
    public const string MustChangePassword = "com:must-change-password";
    public const string Kiosk = "com:kiosk";
    public const string TimeoutMinutes = "com:timeout";

    public static ClaimsIdentity Identity(SignInVerdict verdict, string stamp, int timeoutMinutes, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, verdict.Login),
            new(ClaimTypes.Role, verdict.Role.ToString()),
            new(Stamp, stamp),
            new(TimeoutMinutes, timeoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (verdict.MustChangePassword)
            claims.Add(new Claim(MustChangePassword, "true"));
        if (verdict.Kiosk)
            claims.Add(new Claim(Kiosk, "true"));
        return new ClaimsIdentity(claims, scheme);
    }

    public static bool IsKiosk(ClaimsPrincipal user) => user.HasClaim(Kiosk, "true");

    public static bool MustChange(ClaimsPrincipal user) => user.HasClaim(MustChangePassword, "true");
}
