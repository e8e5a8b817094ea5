using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Storage.RemoteSupport;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// The admin relay (SPEC RS-7): <c>https://admin.&lt;domain&gt;:8443/&lt;customer-id&gt;/WebManagement/…</c> forwarded by YARP
/// to the system's Web Manager through a tunnel, with paths, redirects and cookies moved under the customer's path.
/// Only a user COM handed over (<see cref="RelayPasses"/>) for that customer, and who still may, passes (<see cref="RelayAdmission"/>).
/// </summary>
public sealed partial class AdminRelay : IDisposable
{
    public const string TicketParameter = "com-ticket";
    public const string CookieName = "com-relay";

    /// <summary>The account of every relay tunnel in the audit; its client names the COM user.</summary>
    public const string RelayAccount = "admin relay";

    private const string OwnServer = "self";

    /// <summary>Tunnels one user may hold to one server through the relay: a browser's parallel requests and its WebSockets.</summary>
    public const int MaxConnectionsPerServer = 16;

    private readonly IHttpForwarder forwarder;
    private readonly RelayAdmission admission;
    private readonly TunnelOpener opener;
    private readonly TunnelSessionStore sessions;
    private readonly LiveTunnels live;
    private readonly ILocalSiloDetails silo;
    private readonly ProxySettings settings;
    private readonly TimeProvider time;
    private readonly ILogger<AdminRelay> logger;
    private readonly HttpMessageInvoker invoker;
    private readonly ConcurrentDictionary<string, string> logins = new();

    public AdminRelay(IHttpForwarder forwarder, RelayAdmission admission, TunnelOpener opener, TunnelSessionStore sessions, LiveTunnels live,
        ILocalSiloDetails silo, IOptions<ProxySettings> options, TimeProvider time, ILogger<AdminRelay> logger)
    {
        (this.forwarder, this.admission, this.opener, this.sessions, this.live, this.silo, settings, this.time, this.logger) =
            (forwarder, admission, opener, sessions, live, silo, options.Value, time, logger);
        invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            // Each customer's host name keys its own pool; an idle connection holds a tunnel, so it goes soon.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            // A page's requests queue for a connection rather than each opening a tunnel against the user's cap.
            MaxConnectionsPerServer = MaxConnectionsPerServer,
            ConnectCallback = ConnectAsync,
            // A system's Web Manager presents its own self-signed certificate; what authenticates the far end is the
            // tunnel itself, which only that system's link could have opened.
#pragma warning disable CA5359 // See above: the tunnel, not the system's self-signed certificate, proves which system answers.
            SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
#pragma warning restore CA5359
        });
    }

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var slash = path.IndexOf('/', 1);
        var customerId = slash < 0 ? path[1..] : path[1..slash];
        if (!CustomerIds.IsValid(customerId))
        {
            if (UnderReferringCustomer(http.Request, null) is { } moved)
                MoveTo(http, moved);
            else
                await TextAsync(http, 404, "The admin relay serves /<customer-id>/… addresses only.");
            return;
        }
        if (http.Request.Query.TryGetValue(TicketParameter, out var ticket))
        {
            await admission.TakeTicketAsync(http, customerId, ticket.ToString());
            return;
        }
        var admittance = await admission.AdmitAsync(http, customerId);
        if (admittance == RelayAdmittance.NoPass)
        {
            // A root path of the Web Manager whose first segment merely looks like a customer ID ("/api/…").
            if (UnderReferringCustomer(http.Request, customerId) is { } moved)
                MoveTo(http, moved);
            else
                await admission.RefuseWithoutPassAsync(http, customerId);
        }
        if (admittance != RelayAdmittance.Admitted)
            return;
        var (server, problem) = ServerAddress(path, slash);
        if (problem is not null)
        {
            await TextAsync(http, 404, problem);
            return;
        }
        // The host name keys the connection pool, so each server of a system, and each user, has their own connections:
        // a tunnel, and its audit row, serve one user only.
        var login = http.Items[RelayAdmission.LoginItem] as string ?? "";
        var user = UserKey(login);
        logins[user] = login;
        var host = $"{customerId}.{server?.Replace('.', '-') ?? OwnServer}.{user}.relay.invalid";
        using var watch = IsUpgrade(http) ? admission.WatchUpgrade(http, customerId) : null;
        var error = await forwarder.SendAsync(http, $"https://{host}:{settings.WebManagerPort}/", invoker,
            ConfigFor(http), new RelayTransformer(customerId, server));
        if (error != ForwarderError.None && !http.Response.HasStarted)
        {
            var cause = http.Features.Get<IForwarderErrorFeature>()?.Exception;
            var refused = cause as RelayRefusedException ?? cause?.InnerException as RelayRefusedException;
            LogForwardFailed(cause, customerId, error);
            await TextAsync(http, refused?.Status ?? 502, refused?.Message ?? $"The system's Web Manager could not be reached ({error}).");
        }
    }

    /// <summary>
    /// Where a request for one of the Web Manager's own root paths belongs: a Web Manager page refers to
    /// <c>/WebManagement/…</c> (a form's action, a script), which the browser asks of the relay without the customer's
    /// prefix; the relayed page it came from, named by its Referer on this same origin, says which customer's. Null when
    /// no relayed page sent it, or when that page's customer is <paramref name="pathCustomer"/> itself (the request is
    /// already under it, so moving it again would loop). The answer is a path on the relay: it sends nobody elsewhere
    /// and lets nobody in, as the request it leads to still needs that customer's relay cookie.
    /// </summary>
    public static string? UnderReferringCustomer(HttpRequest request, string? pathCustomer)
    {
        if (!Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer) || referer.Scheme != request.Scheme
            || !string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            return null;
        var refererPath = referer.AbsolutePath;
        var segments = refererPath.Split('/', 3);
        if (segments.Length < 3 || !CustomerIds.IsValid(segments[1]) || segments[1] == pathCustomer)
            return null;
        // A page of the system's other server sends its root paths to that server.
        var (server, _) = ServerAddress(refererPath, refererPath.IndexOf('/', 1));
        var prefix = server is null ? "/" + segments[1] : $"/{segments[1]}/{server}";
        return Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildRelative(new PathString(prefix), request.Path, request.QueryString);
    }

    /// <summary>Sends the browser to <paramref name="path"/> with the same method and body (a form's POST stays a POST).</summary>
    private static void MoveTo(HttpContext http, string path)
    {
        http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        http.Response.Headers.Location = path;
        // It depends on the page the request came from, so no cache may answer it for another.
        http.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>
    /// The optional second segment of <c>/&lt;customer-id&gt;/&lt;a.b.c.d&gt;/…</c>: another server of the system. A segment that
    /// starts with a digit and has a dot, or looks like an IPv6 address, is taken as an address and must be IPv4 in
    /// dotted form; anything else is the first segment of a Web Manager path on the system itself. Which addresses
    /// are the system's own servers the customer's grain decides (<c>TunnelRules</c>).
    /// </summary>
    public static (string? Server, string? Problem) ServerAddress(string path, int afterCustomer)
    {
        if (afterCustomer < 0)
            return (null, null);
        var end = path.IndexOf('/', afterCustomer + 1);
        var segment = end < 0 ? path[(afterCustomer + 1)..] : path[(afterCustomer + 1)..end];
        var looksV6 = segment.StartsWith('[') || segment.Contains(':', StringComparison.Ordinal) || segment.Contains("%3a", StringComparison.OrdinalIgnoreCase);
        var looksV4 = segment.Length > 0 && char.IsAsciiDigit(segment[0]) && segment.Contains('.', StringComparison.Ordinal);
        if (!looksV6 && !looksV4)
            return (null, null);
        if (looksV4 && segment.Length <= 15 && IPAddress.TryParse(segment, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && ip.ToString() == segment)
            return (segment, null);
        var shown = segment.Length > 64 ? segment[..64] + "…" : segment;
        return (null, $"'{shown}' is not a server address the admin relay serves: /<customer-id>/<a.b.c.d>/… takes the IPv4 address, in dotted form, of one of the system's own servers.");
    }

    /// <summary>
    /// A WebSocket (SysMonitor, SSA) goes over HTTP/1.1, which every Web Manager speaks, and stays open while it is
    /// used as a proxy tunnel does; other requests keep YARP's defaults.
    /// </summary>
    private ForwarderRequestConfig ConfigFor(HttpContext http) =>
        IsUpgrade(http)
            ? new ForwarderRequestConfig { ActivityTimeout = settings.IdleTimeout, Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower }
            : ForwarderRequestConfig.Empty;

    private static bool IsUpgrade(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpUpgradeFeature>()?.IsUpgradableRequest == true;

    /// <summary>A login as a host name label: any characters, fixed length, the same on every silo.</summary>
    private static string UserKey(string login) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(login)).AsSpan(0, 8));

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // <customer-id>.<a-b-c-d or self>.<user>.relay.invalid, as HandleAsync named it.
        var labels = context.DnsEndPoint.Host.Split('.');
        var customerId = labels[0];
        var server = labels[1] == OwnServer ? null : labels[1].Replace('-', '.');
        var login = logins.GetValueOrDefault(labels[2], "unknown user");
        var sessionId = Guid.NewGuid();
        var target = new MaintenanceTarget(customerId, null, server, settings.WebManagerPort);
        // Each user's relay tunnels count against the caps as a proxy account's do, and show on the sessions page.
        if (live.Admit(sessionId, $"{RelayAccount} ({login})") is { } full)
            throw new RelayRefusedException(503, full);
        OpenedTunnel? opened = null;
        try
        {
            opened = await opener.OpenAsync(sessionId, "user", login, target, TunnelPurpose.AdminRelay, cancellationToken);
            if (!opened.Opened)
                throw new RelayRefusedException(opened.Status, opened.Reason);
            // No tunnel runs unaudited: a failure here ends this one, and the system's dial-back with it.
            await sessions.StartAsync(new TunnelSession(sessionId, RelayAccount, customerId, $"{target} ({opened.Target})", $"{login} through the admin relay",
                silo.SiloAddress.ToParsableString(), time.GetUtcNow(), null, 0, 0, null), cancellationToken);
        }
        catch
        {
            opened?.Dispose();
            live.Release(sessionId);
            throw;
        }
        var connection = new RelayedConnection(opened, time, (reason, up, down) =>
        {
            live.Release(sessionId);
            _ = EndAsync(sessionId, up, down, reason);
        });
        live.Relaying(sessionId, connection);
        return connection;
    }

    private async Task EndAsync(Guid sessionId, long up, long down, string reason)
    {
        try
        {
            await sessions.EndAsync(sessionId, time.GetUtcNow(), up, down, reason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEndUnrecorded(e, sessionId);
        }
    }

    internal static async Task TextAsync(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text + "\n");
    }

    public void Dispose() => invoker.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin relay to customer {CustomerId} failed: {Error}")]
    private partial void LogForwardFailed(Exception? exception, string customerId, ForwarderError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of relay tunnel {SessionId} could not be recorded")]
    private partial void LogEndUnrecorded(Exception exception, Guid sessionId);
}

/// <summary>The tunnel for the relay was refused; the status and reason go to the browser.</summary>
public sealed class RelayRefusedException(int status, string reason) : IOException(reason)
{
    public int Status { get; } = status;
}
