using Microsoft.AspNetCore.DataProtection;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// The admin relay's credentials (SPEC RS-7). The relay lives on its own host and port, where COM's sign-in cookie is
/// never sent, so COM hands a signed-in user over with a one-minute ticket in the URL; the relay swaps it for a cookie
/// of its own, scoped to that customer's path. Both are protected by the cluster's data protection keys, so any silo
/// reads what another wrote.
/// </summary>
public sealed class RelayPasses(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(1);

    private readonly ITimeLimitedDataProtector tickets = protection.CreateProtector("com.relay.ticket").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector sessions = protection.CreateProtector("com.relay.session").ToTimeLimitedDataProtector();

    public string Ticket(string login, string customerId) => tickets.Protect($"{login}\n{customerId}", time.GetUtcNow() + TicketLifetime);

    public string Session(string login, string customerId, TimeSpan lifetime) => sessions.Protect($"{login}\n{customerId}", time.GetUtcNow() + lifetime);

    /// <summary>The login a ticket was issued to, when it is valid for <paramref name="customerId"/>.</summary>
    public string? ReadTicket(string? ticket, string customerId) => Read(tickets, ticket, customerId);

    public string? ReadSession(string? session, string customerId) => Read(sessions, session, customerId);

    private string? Read(ITimeLimitedDataProtector protector, string? value, string customerId)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
            return null;
        try
        {
            var parts = protector.Unprotect(value, out var expires).Split('\n');
            return parts.Length == 2 && parts[1] == customerId && expires > time.GetUtcNow() ? parts[0] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Forged, expired or from another deployment: simply not a pass.
            return null;
        }
    }
}
