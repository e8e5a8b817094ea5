using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// SPEC RS-6 through chromium against a real tunnel: a raw TLS CONNECT through COM's proxy to a real sshd, held open,
/// shows on the tunnel sessions page with its audit data and live byte counts; the Administrator terminates it, the
/// client's connection closes within a second and the audit row ends with who ended it. The same in French.
/// </summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class TunnelSessionsBrowserTests(TunnelDeployment deployment) : IClassFixture<TunnelDeployment>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ComDeployment com => deployment.Com;

    private string CustomerId => deployment.Ids[deployment.Plan.Open];

    private static ILocator Row(IPage page, string customerId) => page.Locator("[data-test=tunnels] tbody tr", new() { HasText = customerId });

    [Fact]
    public async Task AnAdministrator_SeesALiveTunnelCounting_TerminatesIt_AndItClosesWithinASecond()
    {
        await using var tunnel = await LiveTunnel.OpenAsync(com.Silo, CustomerId, deployment.Plan.UserFor(deployment.Plan.Open));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await page.GotoAsync("/com/tunnels");
        await Browser.WaitInteractiveAsync(page);
        await Browser.PickAsync(page, "filter-state", "Live");

        var row = Row(page, CustomerId).Filter(new() { Has = page.Locator("[data-live=true]") });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-test=tunnel-account]")).ToHaveTextAsync("reseller " + deployment.Plan.Plan.Customers[deployment.Plan.Open].Reseller);
        await Assertions.Expect(row.Locator("[data-test=tunnel-target]")).ToContainTextAsync($"{CustomerId}:22 (");
        await Assertions.Expect(row.Locator("[data-test=tunnel-client]")).ToContainTextAsync("127.0.0.1:");
        // sshd's banner went down, ours up: the counts reach the page while the tunnel runs, written every 2 s.
        await Assertions.Expect(row.Locator("[data-test=tunnel-down]")).Not.ToHaveTextAsync("0 B", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(row.Locator("[data-test=tunnel-up]")).Not.ToHaveTextAsync("0 B", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.Locator("[data-test=tunnels-total]")).ToContainTextAsync("Total: ");
        await Browser.ScreenshotAsync(page, "tunnels-live-en");

        await row.Locator("[data-test=tunnel-terminate]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Terminate 1 live tunnel(s)?");
        await Browser.ScreenshotAsync(page, "tunnels-terminate-confirm-en");
        var watch = Stopwatch.StartNew();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Terminate", Exact = true }).ClickAsync();
        var closed = await tunnel.ClosedAsync(TimeSpan.FromSeconds(10));
        closed.ShouldBeTrue("the client's connection did not close within 10 s of the confirmation");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1), "a terminated tunnel must close within 1 s");

        var audit = await EndedRowAsync(tunnel);
        audit.Reason.ShouldBe("terminated by admin");
        audit.Down.ShouldBeGreaterThan(0, "sshd's banner came down the tunnel");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("1 tunnel(s) terminated.");
        await Browser.PickAsync(page, "filter-state", "All");
        var ended = Row(page, CustomerId).Filter(new() { HasText = "terminated by admin" });
        await Assertions.Expect(ended.First.Locator("[data-test=tunnel-state]")).ToHaveAttributeAsync("data-live", "false", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(ended.First.Locator("[data-test=tunnel-ended]")).Not.ToBeEmptyAsync();
        await Browser.ScreenshotAsync(page, "tunnels-ended-en");
    }

    [Fact]
    public async Task InFrench_TheSelectionIsTerminated_AndTerminatingAgainSaysItHadEnded()
    {
        await using var tunnel = await LiveTunnel.OpenAsync(com.Silo, CustomerId, deployment.Plan.UserFor(deployment.Plan.Open));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo, "fr-FR");
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await page.GotoAsync("/com/tunnels");
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h4")).ToHaveTextAsync("Sessions de tunnel d'assistance à distance");
        await page.FillAsync("[data-test=tunnel-search]", CustomerId);
        var row = Row(page, CustomerId).Filter(new() { Has = page.Locator("[data-live=true]") });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-test=tunnel-state]")).ToHaveTextAsync("En cours");
        await row.Locator("[data-test=select-tunnel]").CheckAsync();
        await Assertions.Expect(page.Locator("[data-test=tunnels-selected]")).ToHaveTextAsync("Sélectionnés : 1");
        await Assertions.Expect(page.Locator("[data-test=tunnels-terminate]")).ToBeEnabledAsync();
        await Browser.ScreenshotAsync(page, "tunnels-selected-fr");

        await page.ClickAsync("[data-test=tunnels-terminate]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Fermer 1 tunnel(s) en cours ?");
        await Browser.ScreenshotAsync(page, "tunnels-terminate-confirm-fr");
        var watch = Stopwatch.StartNew();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Fermer", Exact = true }).ClickAsync();
        (await tunnel.ClosedAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the client's connection did not close");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1), "a terminated tunnel must close within 1 s");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("1 tunnel(s) fermé(s).");
        (await EndedRowAsync(tunnel)).Reason.ShouldBe("terminated by admin");
        await Assertions.Expect(Row(page, CustomerId).Filter(new() { Has = page.Locator("[data-live=true]") })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "tunnels-ended-fr");

        // The grain answers a second terminate plainly, with the recorded end.
        await using var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString);
        var again = await client.Grains.GetGrain<ITunnelSessionsGrain>(0).TerminateAsync(new Actor("admin", Role.Administrator), tunnel.SessionId!.Value);
        again.Outcome.ShouldBe(TerminationOutcome.AlreadyEnded);
        again.Session!.EndReason.ShouldBe("terminated by admin");
    }

    [Fact]
    public async Task ATunnelHeldByAnotherSilo_IsTerminatedFromThisSilosPage_WithinASecond()
    {
        var second = await com.StartSiloAsync();
        await using var tunnel = await LiveTunnel.OpenAsync(second, CustomerId, deployment.Plan.UserFor(deployment.Plan.Open));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(com.Silo);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await page.GotoAsync("/com/tunnels");
        await Browser.WaitInteractiveAsync(page);
        await Browser.PickAsync(page, "filter-state", "Live");
        await page.FillAsync("[data-test=tunnel-search]", CustomerId);
        var row = Row(page, CustomerId).Filter(new() { Has = page.Locator("[data-live=true]") });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        // The page's silo is not the one holding the client's socket: the terminate must travel to the second.
        var holder = await row.Locator("[data-test=tunnel-silo]").GetAttributeAsync("title");
        await using (var client = await ExternalClusterClient.ConnectAsync(com.Database.ConnectionString))
        {
            var hosts = await client.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
            holder.ShouldBe(hosts.Single(h => h.SiloName == second.Name).SiloAddress.ToParsableString(), "the audit names the second silo as the tunnel's holder");
            holder.ShouldNotBe(hosts.Single(h => h.SiloName == com.Silo.Name).SiloAddress.ToParsableString());
        }

        await row.Locator("[data-test=tunnel-terminate]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Terminate 1 live tunnel(s)?");
        var watch = Stopwatch.StartNew();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Terminate", Exact = true }).ClickAsync();
        (await tunnel.ClosedAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the second silo did not close the client's connection");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1), "a tunnel on another silo must close within 1 s too");
        (await EndedRowAsync(tunnel)).Reason.ShouldBe("terminated by admin");
    }

    private sealed record AuditRow(long Up, long Down, string? Reason);

    /// <summary>The tunnel's audit row once ended; the tunnel learns its session id from it.</summary>
    private async Task<AuditRow> EndedRowAsync(LiveTunnel tunnel) =>
        await Eventually.GetAsync(async () =>
        {
            await using var db = NpgsqlDataSource.Create(com.Database.ConnectionString);
            await using var command = db.CreateCommand(
                "SELECT id, bytes_up, bytes_down, end_reason FROM com_tunnel_sessions WHERE customer_id = $1 AND started_at >= $2 ORDER BY started_at DESC LIMIT 1");
            command.Parameters.AddWithValue(CustomerId);
            command.Parameters.AddWithValue(tunnel.OpenedAt.UtcDateTime.AddSeconds(-5));
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
                return null;
            tunnel.SessionId = reader.GetGuid(0);
            return new AuditRow(reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }, r => r?.Reason is not null, Patience, "the tunnel's audit row to end") ?? throw new InvalidOperationException("no audit row");

    /// <summary>A tunnel held open by a raw TLS CONNECT: sshd's banner came down it, and ours went up.</summary>
    private sealed class LiveTunnel(TcpClient tcp, SslStream tls, DateTimeOffset openedAt) : IAsyncDisposable
    {
        private Task<bool>? closed;

        public DateTimeOffset OpenedAt { get; } = openedAt;

        public Guid? SessionId { get; set; }

        public static async Task<LiveTunnel> OpenAsync(SiloProcess silo, string customerId, string user)
        {
            var openedAt = DateTimeOffset.UtcNow;
            var tcp = new TcpClient();
            await tcp.ConnectAsync("localhost", silo.ProxyPort);
            var certificate = silo.PublicCertificate;
            var tls = new SslStream(tcp.GetStream(), false, (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(certificate.RawData));
            await tls.AuthenticateAsClientAsync("localhost");
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{TunnelFleet.Password}"));
            await tls.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {customerId}.maint.localhost:22 HTTP/1.1\r\nProxy-Authorization: Basic {credentials}\r\n\r\n"));
            var seen = new StringBuilder();
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!seen.ToString().Contains("SSH-2.0", StringComparison.Ordinal))
            {
                var read = await tls.ReadAsync(buffer, timeout.Token);
                read.ShouldBeGreaterThan(0, $"the proxy closed before sshd's banner; got: {seen}");
                seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            seen.ToString().ShouldStartWith("HTTP/1.1 200");
            await tls.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-ComTunnelTest\r\n"));
            return new LiveTunnel(tcp, tls, openedAt);
        }

        /// <summary>Reads until the proxy closes the connection; false if it is still open after <paramref name="wait"/>.</summary>
        public async Task<bool> ClosedAsync(TimeSpan wait)
        {
            closed ??= DrainAsync();
            try
            {
                return await closed.WaitAsync(wait);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        private async Task<bool> DrainAsync()
        {
            var buffer = new byte[4096];
            try
            {
                // sshd may still send key exchange data before the end; the end is what counts.
                while (await tls.ReadAsync(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // A reset is a close too.
            }
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            await tls.DisposeAsync();
            tcp.Dispose();
        }
    }
}
