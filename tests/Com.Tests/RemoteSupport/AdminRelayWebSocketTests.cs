using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Simulator;
using Com.Tests.Infrastructure;
using Npgsql;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// The admin relay (SPEC RS-7) beyond plain pages: a monitor WebSocket, as SysMonitor and SSA open one, through the
/// relay to the simulated system's Web Manager stand-in; and <c>/&lt;customer-id&gt;/&lt;a.b.c.d&gt;/</c> reaching another
/// server of the same system, while an address the system does not have opens nothing.
/// </summary>
[Trait("Category", "Process")]
public sealed class AdminRelayWebSocketTests(TunnelDeployment deployment) : IClassFixture<TunnelDeployment>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ComDeployment com => deployment.Com;
    private TunnelFleet plan => deployment.Plan;
    private string id => deployment.Ids[plan.Managed];
    private string relay => $"https://localhost:{com.Silo.RelayPort}";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMonitorWebSocket_PassesTheRelay_ToTheSystemAndToItsSecondServer_OnlyWithTheRelayCookie()
    {
        var cookies = new CookieContainer();
        using var client = await HandedOverAsync(cookies);
        await SignInToWebManagerAsync(client, $"/{id}");
        await SignInToWebManagerAsync(client, $"/{id}/{plan.SecondServerAddress}");

        // The system itself: the first stand-in answers, and echoes both ways through the relay.
        await ExchangeAsync(cookies, $"/{id}", deployment.WebManagerPort);
        // Its second server, by address: the stand-in the tunnel map sends that address to answers.
        await ExchangeAsync(cookies, $"/{id}/{plan.SecondServerAddress}", deployment.SecondWebManagerPort);

        // No relay cookie: the relay refuses the upgrade itself.
        var stranger = new CookieContainer();
        foreach (Cookie c in cookies.GetAllCookies())
            if (c.Name != "com-relay")
                stranger.Add(c);
        (await UpgradeStatusAsync(stranger, $"/{id}{WebManagerStandIn.MonitorPath}")).ShouldBe(401, "no relay cookie, no WebSocket");
    }

    [Fact]
    public async Task AnAddressTheSystemDoesNotHave_IsRefusedWithItsReason_AndOpensNothing()
    {
        var cookies = new CookieContainer();
        using var client = await HandedOverAsync(cookies);
        var foreign = plan.ForeignServerAddress;

        using (var response = await client.GetAsync($"{relay}/{id}/{foreign}/WebManagement/WebManagement.html", Ct))
        {
            var text = await response.Content.ReadAsStringAsync(Ct);
            ((int)response.StatusCode).ShouldBe(404, text);
            text.ShouldContain($"has no server at {foreign}");
        }
        (await UpgradeStatusAsync(cookies, $"/{id}/{foreign}{WebManagerStandIn.MonitorPath}")).ShouldBe(404);

        foreach (var malformed in new[] { "10.0.0.300", "010.0.0.1", "10.0.0.1.evil.example", "[::1]", "::ffff:10.0.0.1" })
        {
            using var response = await client.GetAsync($"{relay}/{id}/{Uri.EscapeDataString(malformed)}/WebManagement/WebManagement.html", Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            ((int)response.StatusCode).ShouldBe(404, $"{malformed}: {text}");
            text.ShouldContain("is not a server address the admin relay serves", Case.Sensitive, malformed);
        }

        // Refused before any tunnel: the audit has no relay session for these addresses.
        var targets = await TargetsAsync();
        targets.ShouldNotContain(t => t.Contains(foreign, StringComparison.Ordinal) || t.Contains("10.0.0.300", StringComparison.Ordinal)
            || t.Contains("evil", StringComparison.Ordinal) || t.Contains("::", StringComparison.Ordinal), string.Join("\n", targets));
    }

    [Fact]
    public async Task AnOpenWebSocket_IsClosed_OnceItsUserMayNoLongerRelay()
    {
        var (login, account) = await deployment.NewAdministratorAsync("ws");
        var cookies = new CookieContainer();
        using var client = await HandedOverAsync(cookies, login);
        await SignInToWebManagerAsync(client, $"/{id}");
        using var socket = NewSocket(cookies);
        await socket.ConnectAsync(new Uri($"wss://localhost:{com.Silo.RelayPort}/{id}{WebManagerStandIn.MonitorPath}"), Ct);
        (await ReceiveAsync(socket, "the monitor's greeting")).ShouldStartWith(WebManagerStandIn.GreetingPrefix);

        await account.UpdateAsync(TunnelDeployment.Admin, new AccountDetails(Role.Support), null);

        // The deployment rechecks every 2 s; the socket must end, not merely stop answering.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        var ended = await Should.ThrowAsync<WebSocketException>(async () =>
        {
            var buffer = new byte[4096];
            while (true)
                await socket.ReceiveAsync(buffer, timeout.Token);
        });
        ended.WebSocketErrorCode.ShouldBe(WebSocketError.ConnectionClosedPrematurely, ended.Message);
        await Eventually.GetAsync(() => Task.FromResult(com.Silo.Output), o => o.Contains("its open WebSocket was closed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the silo to log why it closed the demoted user's WebSocket");
    }

    [Fact]
    public async Task ARelayTunnel_IsLiveOnTheSessionsPage_AndATerminateEndsItsWebSocketWithinASecond_WithTheReasonAudited()
    {
        var (login, _) = await deployment.NewAdministratorAsync("rt");
        var cookies = new CookieContainer();
        using var client = await HandedOverAsync(cookies, login);
        await SignInToWebManagerAsync(client, $"/{id}");
        using var socket = NewSocket(cookies);
        await socket.ConnectAsync(new Uri($"wss://localhost:{com.Silo.RelayPort}/{id}{WebManagerStandIn.MonitorPath}"), Ct);
        (await ReceiveAsync(socket, "the monitor's greeting")).ShouldStartWith(WebManagerStandIn.GreetingPrefix);

        // Each of the user's relay tunnels is audited under the relay with the user as client, and is live.
        var sessions = deployment.Grains.GetGrain<ITunnelSessionsGrain>(0);
        var live = await Eventually.GetAsync(async () => (await sessions.QueryAsync(TunnelDeployment.Admin,
                new TunnelSessionQuery(TunnelSessionState.Live, login))).Rows,
            rows => rows.Length > 0, Patience, $"{login}'s relay tunnels to be listed live");
        live.ShouldAllBe(r => r.Account == "admin relay" && r.Client == $"{login} through the admin relay");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var row in live)
            (await sessions.TerminateAsync(TunnelDeployment.Admin, row.Id)).Outcome.ShouldBe(TerminationOutcome.Terminated, row.Target);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        var buffer = new byte[4096];
        try
        {
            while ((await socket.ReceiveAsync(buffer, timeout.Token)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (WebSocketException)
        {
            // Cut with its tunnel: the relay had no close frame to pass on.
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
        }
        timeout.IsCancellationRequested.ShouldBeFalse("the WebSocket stayed open after its tunnel was terminated");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1), "a terminated tunnel must close within 1 s");
        var ended = await Eventually.GetAsync(async () => (await sessions.QueryAsync(TunnelDeployment.Admin,
                new TunnelSessionQuery(TunnelSessionState.Ended, login))).Rows,
            rows => rows.Count(r => live.Any(l => l.Id == r.Id)) == live.Length, Patience, "the terminated relay tunnels to be recorded as ended");
        ended.Where(r => live.Any(l => l.Id == r.Id)).ShouldAllBe(r => r.EndReason == $"terminated by {TunnelDeployment.Admin.Login}");
    }

    /// <summary>The relay cookie, as a browser gets it: COM's hand-over link, its ticket swapped at the relay.</summary>
    private async Task<HttpClient> HandedOverAsync(CookieContainer cookies, string login = "admin")
    {
        using var browser = com.Silo.NewClient();
        await browser.SignInAsync(login, SignedInSilo.AdminPassword);
        using var launch = await browser.GetAsync($"/com/relay/open/{id}", Ct);
        launch.StatusCode.ShouldBe(HttpStatusCode.Redirect, await launch.Content.ReadAsStringAsync(Ct));
        var client = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => Pinned(certificate),
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        using var handOver = await client.GetAsync(launch.Headers.Location, Ct);
        ((int)handOver.StatusCode).ShouldBe(302, await handOver.Content.ReadAsStringAsync(Ct));
        cookies.GetAllCookies().Select(c => c.Name).ShouldContain("com-relay");
        return client;
    }

    private async Task SignInToWebManagerAsync(HttpClient client, string prefix)
    {
        using var form = new StringContent("user=Administrator&password=secret", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync($"{relay}{prefix}/WebManagement/login", form, Ct);
        ((int)response.StatusCode).ShouldBe(302, $"{prefix}: {await response.Content.ReadAsStringAsync(Ct)}");
        response.Headers.Location?.ToString().ShouldBe($"{prefix}/WebManagement/WebManagement.html", "the redirect comes back under the server's prefix");
    }

    private async Task ExchangeAsync(CookieContainer cookies, string prefix, int expectedStandIn)
    {
        using var socket = NewSocket(cookies);
        await socket.ConnectAsync(new Uri($"wss://localhost:{com.Silo.RelayPort}{prefix}{WebManagerStandIn.MonitorPath}"), Ct);
        (await ReceiveAsync(socket, "the monitor's greeting")).ShouldBe($"{WebManagerStandIn.GreetingPrefix}127.0.0.1:{expectedStandIn}", $"{prefix} reached the wrong server");
        foreach (var message in new[] { "ping-1", new string('x', 20_000) })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, Ct);
            (await ReceiveAsync(socket, $"the echo of a {message.Length}-character message")).ShouldBe(WebManagerStandIn.EchoPrefix + message);
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);
        socket.State.ShouldBe(WebSocketState.Closed);
    }

    private async Task<int> UpgradeStatusAsync(CookieContainer cookies, string path)
    {
        using var socket = NewSocket(cookies);
        socket.Options.CollectHttpResponseDetails = true;
        var refused = await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"wss://localhost:{com.Silo.RelayPort}{path}"), Ct));
        return socket.HttpStatusCode is 0 ? throw new InvalidOperationException($"{path}: no HTTP answer ({refused.Message})") : (int)socket.HttpStatusCode;
    }

    private ClientWebSocket NewSocket(CookieContainer cookies)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.RemoteCertificateValidationCallback = (_, certificate, _, _) => Pinned(certificate);
        return socket;
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        var message = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, timeout.Token);
                received.MessageType.ShouldBe(WebSocketMessageType.Text, $"waiting for {what}: {received.CloseStatus} {received.CloseStatusDescription}");
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"No {what} within {Patience.TotalSeconds} s; received so far: {message.Length} bytes, socket {socket.State}");
        }
        return Encoding.UTF8.GetString(message.ToArray());
    }

    private bool Pinned(X509Certificate? certificate) =>
        certificate is not null && certificate.GetCertHashString() == X509CertificateLoader.LoadPkcs12FromFile(com.Silo.CertificatePath, null).Thumbprint;

    private async Task<List<string>> TargetsAsync()
    {
        await using var db = NpgsqlDataSource.Create(com.Database.ConnectionString);
        await using var command = db.CreateCommand("SELECT target FROM com_tunnel_sessions WHERE customer_id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var targets = new List<string>();
        while (await reader.ReadAsync(Ct))
            targets.Add(reader.GetString(0));
        return targets;
    }
}
