using Com.Grains.Interfaces.RemoteSupport;
using Microsoft.Extensions.Options;

namespace Com.Silo.RemoteSupport;

/// <summary>What the admin relay's door made of a request's credentials.</summary>
public enum RelayAdmittance
{
    /// <summary>A relay cookie for the customer, whose user still may relay: forward the request.</summary>
    Admitted,

    /// <summary>No valid relay cookie; nothing was answered yet.</summary>
    NoPass,

    /// <summary>Answered already: refused, or a ticket swapped for a cookie.</summary>
    Answered,
}

/// <summary>
/// The admin relay's door (SPEC RS-7): swaps a ticket, once in the whole cluster, for a relay cookie, and checks a
/// cookie's user again every <see cref="ProxySettings.RelayRecheckInterval"/>, renewing or withdrawing the cookie.
/// Every refusal is logged with its reason.
/// </summary>
public sealed partial class RelayAdmission(RelayPasses passes, RelayRights rights, IGrainFactory grains, IOptions<ProxySettings> options,
    TimeProvider time, ILogger<RelayAdmission> logger)
{
    /// <summary>Where an admitted request carries its user's login, for the relay's pool and audit.</summary>
    public const string LoginItem = "com.relay.login";

    private const string SessionItem = "com.relay.session";

    public const string ExpiredTicket = "This link has expired, was used already or is not for this customer; open Web Manager from COM again.";

    private ProxySettings Settings => options.Value;

    /// <summary>Swaps a ticket for a relay cookie and sends the browser on to the same address without the ticket.</summary>
    public async Task TakeTicketAsync(HttpContext http, string customerId, string value)
    {
        if (passes.ReadTicket(value, customerId) is not { } ticket)
        {
            LogRefused(customerId, "", "the ticket is expired, forged or for another customer");
            await AdminRelay.TextAsync(http, 401, ExpiredTicket);
            return;
        }
        bool claimed;
        try
        {
            claimed = await grains.GetGrain<IRelayTicketGrain>(ticket.Nonce).ClaimAsync(ticket.Expires);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whether the claim landed is unknown; a fresh ticket is one click away.
            LogClaimFailed(e, customerId, ticket.Login);
            await AdminRelay.TextAsync(http, 503, "COM could not check this link just now; open Web Manager from COM again.");
            return;
        }
        if (!claimed)
        {
            LogRefused(customerId, ticket.Login, "the ticket was used already");
            await AdminRelay.TextAsync(http, 401, ExpiredTicket);
            return;
        }
        // COM checked the user's rights when it issued the ticket; the next check is due an interval after that.
        SetCookie(http, customerId, passes.Session(ticket.Login, customerId, ticket.IssuedAt, time.GetUtcNow() + Settings.RelaySessionLifetime, ticket.Stamp));
        var rest = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(http.Request.Query.Where(q => q.Key != AdminRelay.TicketParameter)).ToQueryString();
        // Built encoded: a decoded path with CR, LF or non-ASCII characters would not pass as a Location header.
        http.Response.Redirect(Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildRelative(PathString.Empty, http.Request.Path, rest));
        LogHandedOver(ticket.Login, customerId);
    }

    /// <summary>The request's relay cookie for <paramref name="customerId"/>, its user's rights checked again when due.</summary>
    public async Task<RelayAdmittance> AdmitAsync(HttpContext http, string customerId)
    {
        if (passes.ReadSession(http.Request.Cookies[AdminRelay.CookieName], customerId) is not { } session)
            return RelayAdmittance.NoPass;
        http.Items[LoginItem] = session.Login;
        http.Items[SessionItem] = session;
        if (time.GetUtcNow() - session.CheckedAt < Settings.RelayRecheckInterval)
            return RelayAdmittance.Admitted;
        string? refusal;
        try
        {
            refusal = await rights.RefusalAsync(session, customerId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not checked is not allowed; the cookie stays, for a check that may succeed a moment later.
            LogRecheckFailed(e, customerId, session.Login);
            await AdminRelay.TextAsync(http, 503, "COM could not check your rights to this customer just now; try again in a moment.");
            return RelayAdmittance.Answered;
        }
        if (refusal is not null)
        {
            LogRefused(customerId, session.Login, refusal);
            http.Response.Cookies.Delete(AdminRelay.CookieName, RelayCookie(customerId));
            await AdminRelay.TextAsync(http, 401, $"Your access to this customer's Web Manager was withdrawn: {refusal}.");
            return RelayAdmittance.Answered;
        }
        var renewed = passes.Rechecked(session, customerId);
        // Added as the answer starts, after the forwarder has copied the Web Manager's own headers.
        http.Response.OnStarting(() =>
        {
            SetCookie(http, customerId, renewed);
            return Task.CompletedTask;
        });
        return RelayAdmittance.Admitted;
    }

    /// <summary>
    /// Keeps checking the user of an admitted WebSocket (SysMonitor, SSA) while it stays open, as each request's user is
    /// checked: the connection is aborted once the user may no longer relay or the relay session ends. Dispose it when
    /// the forwarding ends.
    /// </summary>
    public IDisposable WatchUpgrade(HttpContext http, string customerId)
    {
        var session = (RelaySession)http.Items[SessionItem]!;
        var watch = new UpgradeWatch(http, CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted));
        _ = WatchAsync(watch, customerId, session);
        return watch;
    }

    private async Task WatchAsync(UpgradeWatch watch, string customerId, RelaySession session)
    {
        var stopped = watch.Token;
        try
        {
            while (true)
            {
                var left = session.Expires - time.GetUtcNow();
                await Task.Delay(left >= Settings.RelayRecheckInterval ? Settings.RelayRecheckInterval : left > TimeSpan.Zero ? left : TimeSpan.Zero, time, stopped);
                string? refusal;
                try
                {
                    refusal = time.GetUtcNow() >= session.Expires ? "the relay session ended" : await rights.RefusalAsync(session, customerId);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not an answer: the socket stays open, and the next check may succeed.
                    LogRecheckFailed(e, customerId, session.Login);
                    continue;
                }
                if (refusal is null)
                    continue;
                if (watch.Abort())
                    LogRefused(customerId, session.Login, refusal + "; its open WebSocket was closed");
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // The WebSocket ended first.
        }
    }

    /// <summary>
    /// Ends with the forwarding. Kestrel reuses a finished request's context for the next request, so an abort decided
    /// as the WebSocket ends must not reach it: both take the same lock.
    /// </summary>
    private sealed class UpgradeWatch(HttpContext http, CancellationTokenSource stop) : IDisposable
    {
        private readonly Lock gate = new();
        private bool ended;

        public CancellationToken Token { get; } = stop.Token;

        /// <summary>Aborts the WebSocket's connection; false when the forwarding had already ended.</summary>
        public bool Abort()
        {
            lock (gate)
            {
                if (ended)
                    return false;
                http.Abort();
                return true;
            }
        }

        public void Dispose()
        {
            lock (gate)
                ended = true;
            stop.Cancel();
            stop.Dispose();
        }
    }

    /// <summary>A request with no valid relay cookie that the relay refuses.</summary>
    public async Task RefuseWithoutPassAsync(HttpContext http, string customerId)
    {
        LogRefused(customerId, "", http.Request.Cookies.ContainsKey(AdminRelay.CookieName) ? "the relay cookie is expired or invalid" : "no relay cookie");
        await AdminRelay.TextAsync(http, 401, "Open Web Manager from COM: the customer's Action menu, Launch application, Web Manager.");
    }

    private static void SetCookie(HttpContext http, string customerId, string value) =>
        http.Response.Cookies.Append(AdminRelay.CookieName, value, RelayCookie(customerId));

    private static CookieOptions RelayCookie(string customerId) => new()
    {
        Path = $"/{customerId}/",
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Lax,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin relay: {Login} handed over to customer {CustomerId}")]
    private partial void LogHandedOver(string login, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin relay refused a request for customer {CustomerId} (user '{Login}'): {Reason}")]
    private partial void LogRefused(string customerId, string login, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin relay could not claim {Login}'s ticket for customer {CustomerId}")]
    private partial void LogClaimFailed(Exception exception, string customerId, string login);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin relay could not recheck {Login}'s rights to customer {CustomerId}")]
    private partial void LogRecheckFailed(Exception exception, string customerId, string login);
}
