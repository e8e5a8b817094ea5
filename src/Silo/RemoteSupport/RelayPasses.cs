using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// The admin relay's credentials (SPEC RS-7). The relay lives on its own host and port, where COM's sign-in cookie is
/// never sent, so COM hands a signed-in user over with a one-minute ticket in the URL; the relay swaps it for a cookie
/// of its own, scoped to that customer's path. Both are protected by the cluster's data protection keys, so any silo
/// reads what another wrote. A ticket carries a random nonce, which the relay claims once (<c>IRelayTicketGrain</c>); a
/// cookie carries when the user's rights were last checked, so the relay knows when to check them again. Both carry the
/// account's security stamp from the user's COM session: a new password (or role, labels…) changes it, and with it
/// ends the relay session at its next check.
/// </summary>
public sealed class RelayPasses(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(1);

    private readonly ITimeLimitedDataProtector tickets = protection.CreateProtector("com.relay.ticket").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector sessions = protection.CreateProtector("com.relay.session").ToTimeLimitedDataProtector();

    /// <summary>A ticket for a user whose rights to the customer were checked just now, signed in with <paramref name="stamp"/>.</summary>
    public string Ticket(string login, string customerId, string stamp) =>
        tickets.Protect(Join(login, customerId, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), stamp), time.GetUtcNow() + TicketLifetime);

    /// <summary>A cookie's value, lasting until <paramref name="expires"/>, for rights checked at <paramref name="checkedAt"/>.</summary>
    public string Session(string login, string customerId, DateTimeOffset checkedAt, DateTimeOffset expires, string stamp) =>
        sessions.Protect(Join(login, customerId, checkedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), stamp), expires);

    /// <summary>The same session with its rights checked just now; it ends when it would have, never later.</summary>
    public string Rechecked(RelaySession session, string customerId) => Session(session.Login, customerId, time.GetUtcNow(), session.Expires, session.Stamp);

    /// <summary>The ticket, when it is unexpired, intact and for <paramref name="customerId"/>; whether it was used before is not known here.</summary>
    public RelayTicket? ReadTicket(string? ticket, string customerId) =>
        Read(tickets, ticket, customerId) is { } read ? new RelayTicket(read.Login, read.Extra, read.Expires - TicketLifetime, read.Expires, read.Stamp) : null;

    public RelaySession? ReadSession(string? session, string customerId) =>
        Read(sessions, session, customerId) is { } read && long.TryParse(read.Extra, NumberStyles.None, CultureInfo.InvariantCulture, out var checkedAt)
            ? new RelaySession(read.Login, DateTimeOffset.FromUnixTimeMilliseconds(checkedAt), read.Expires, read.Stamp)
            : null;

    private static string Join(string login, string customerId, string extra, string stamp) => $"{login}\n{customerId}\n{extra}\n{stamp}";

    private (string Login, string Extra, DateTimeOffset Expires, string Stamp)? Read(ITimeLimitedDataProtector protector, string? value, string customerId)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
            return null;
        try
        {
            // Four parts: a pass in an older layout is refused, and its user simply opens the relay again.
            var parts = protector.Unprotect(value, out var expires).Split('\n');
            return parts.Length == 4 && parts[1] == customerId && expires > time.GetUtcNow() ? (parts[0], parts[2], expires, parts[3]) : null;
        }
        catch (CryptographicException)
        {
            // Forged, expired or from another deployment: simply not a pass.
            return null;
        }
    }
}

/// <summary>A ticket as read: who it hands over, the nonce to claim, when the user's rights were checked, when it expires, the account's stamp then.</summary>
public sealed record RelayTicket(string Login, string Nonce, DateTimeOffset IssuedAt, DateTimeOffset Expires, string Stamp);

/// <summary>A relay cookie as read: whose it is, when their rights were last checked, when it ends, the account's stamp at the hand-over.</summary>
public sealed record RelaySession(string Login, DateTimeOffset CheckedAt, DateTimeOffset Expires, string Stamp);
