using System.Text;
using Com.Grains.Interfaces.Accounts;
using Com.Silo.RemoteSupport;
using Com.Tests.Infrastructure;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// The admin relay (SPEC RS-7) through plain HTTP requests, as a browser makes them: COM's hand-over, the Web Manager's
/// redirects and cookies moved under the customer's path, a ticket opening the relay once, and the user's rights
/// checked again while the relay cookie lives.
/// </summary>
[Trait("Category", "Process")]
public sealed class AdminRelayTests(TunnelDeployment deployment) : IClassFixture<TunnelDeployment>
{
    private ComDeployment com => deployment.Com;
    private TunnelFleet plan => deployment.Plan;
    private IReadOnlyList<string> ids => deployment.Ids;

    [Fact]
    public async Task WebManager_OpensThroughTheAdminRelay_WithItsRedirectsAndCookiesUnderTheCustomer()
    {
        var id = ids[plan.Open];
        using var browser = com.Silo.NewClient();
        await browser.SignInAsync("admin", SignedInSilo.AdminPassword);
        var relay = $"https://localhost:{com.Silo.RelayPort}";

        using var launch = await browser.GetAsync($"/com/relay/open/{id}", TestContext.Current.CancellationToken);
        launch.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, await launch.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var handOver = launch.Headers.Location!.ToString();
        handOver.ShouldStartWith($"{relay}/{id}/WebManagement/WebManagement.html?com-ticket=");

        var (status, location, page) = await StepAsync(browser, HttpMethod.Get, handOver);
        (status, location).ShouldBe((302, $"/{id}/WebManagement/WebManagement.html"), page);
        (status, location, page) = await StepAsync(browser, HttpMethod.Get, relay + location);
        (status, location).ShouldBe((302, $"/{id}/WebManagement/login.html"), $"the Web Manager sends a stranger to its sign-in, under the customer: {page}");
        (status, _, page) = await StepAsync(browser, HttpMethod.Get, relay + location);
        status.ShouldBe(200);
        page.ShouldContain("action=\"/WebManagement/login\"");
        // The form's action is the Web Manager's root path; the page it came from puts it under the customer, POST and all.
        (status, location, page) = await StepAsync(browser, HttpMethod.Post, $"{relay}/WebManagement/login", "user=Administrator&password=secret",
            referer: $"{relay}/{id}/WebManagement/login.html");
        (status, location).ShouldBe((307, $"/{id}/WebManagement/login"), page);
        (status, location, page) = await StepAsync(browser, HttpMethod.Post, relay + location, "user=Administrator&password=secret");
        (status, location).ShouldBe((302, $"/{id}/WebManagement/WebManagement.html"), $"an absolute redirect to the system comes back under the relay: {page}");
        (status, _, page) = await StepAsync(browser, HttpMethod.Get, relay + location);
        status.ShouldBe(200, "the Web Manager's session cookie came back under the customer's path");
        page.ShouldContain(Com.Simulator.WebManagerStandIn.SignedInTitle);

        // Without COM's hand-over, or with another customer's, nobody passes.
        using var stranger = com.Silo.NewClient();
        (status, _, page) = await StepAsync(stranger, HttpMethod.Get, $"{relay}/{id}/WebManagement/WebManagement.html");
        status.ShouldBe(401, page);
        var otherTicket = handOver[(handOver.IndexOf("com-ticket=", StringComparison.Ordinal) + "com-ticket=".Length)..];
        (status, _, _) = await StepAsync(stranger, HttpMethod.Get, $"{relay}/{ids[plan.Closed]}/WebManagement/WebManagement.html?com-ticket={otherTicket}");
        status.ShouldBe(401);
        (status, _, _) = await StepAsync(stranger, HttpMethod.Get, $"{relay}/{ids[plan.Closed]}/x");
        status.ShouldBe(401);
    }

    [Fact]
    public async Task ARelayTicket_OpensTheRelayOnce_AndIsRefusedWhenUsedAgainOnAnySilo()
    {
        var id = ids[plan.Open];
        using var browser = com.Silo.NewClient();
        await browser.SignInAsync("admin", SignedInSilo.AdminPassword);
        var handOver = await LaunchAsync(browser, id);
        var second = await deployment.SecondSiloAsync();
        var onSecond = handOver.Replace($":{com.Silo.RelayPort}/", $":{second.RelayPort}/", StringComparison.Ordinal);

        var (status, _, page) = await StepAsync(browser, HttpMethod.Get, onSecond);
        status.ShouldBe(302, $"the second silo's relay takes a ticket the first silo issued: {page}");
        // Replayed from history or a log, by another browser, on either silo: the nonce is spent cluster-wide.
        using var replayer = com.Silo.NewClient();
        foreach (var again in new[] { handOver, onSecond })
        {
            (status, _, page) = await StepAsync(replayer, HttpMethod.Get, again);
            status.ShouldBe(401, $"a used ticket opened the relay again at {again}");
            page.Trim().ShouldBe(RelayAdmission.ExpiredTicket);
        }
        await Eventually.GetAsync(() => Task.FromResult(com.Silo.Output), o => o.Contains("the ticket was used already", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the first silo to log the refused second use");
    }

    [Fact]
    public async Task ARelayCookie_IsRenewedAtEachRecheck_AndWithdrawnOnceItsUserIsDemoted()
    {
        var id = ids[plan.Open];
        var (login, account) = await deployment.NewAdministratorAsync("relay");
        using var browser = com.Silo.NewClient();
        await browser.SignInAsync(login, SignedInSilo.AdminPassword);
        var page = $"https://localhost:{com.Silo.RelayPort}/{id}/WebManagement/login.html";
        var (status, _, body) = await StepAsync(browser, HttpMethod.Get, await LaunchAsync(browser, id));
        status.ShouldBe(302, body);

        // The deployment rechecks every 2 s: a later request passes and carries a renewed cookie.
        await Eventually.GetAsync(() => RelayedAsync(browser, page), r => r.Status == 200 && r.RenewsCookie,
            TimeSpan.FromSeconds(30), "a relayed answer to renew the relay cookie after a recheck");
        // The relay's tunnels serve one user each, and the audit names that user.
        (await RelayClientsAsync(id)).ShouldContain($"{login} through the admin relay");

        await account.UpdateAsync(TunnelDeployment.Admin, new AccountDetails(Role.Support), null);
        var withdrawn = await Eventually.GetAsync(() => RelayedAsync(browser, page), r => r.Status == 401,
            TimeSpan.FromSeconds(30), "the relay to refuse the demoted user");
        withdrawn.Body.ShouldContain("withdrawn: your role (Support) no longer launches applications");
        (await RelayedAsync(browser, page)).Body.ShouldContain("Open Web Manager from COM", customMessage: "the refusal cleared the relay cookie");
        await Eventually.GetAsync(() => Task.FromResult(com.Silo.Output), o => o.Contains($"(user '{login}'): your role (Support)", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the silo to log why it refused the demoted user");
    }

    [Fact]
    public async Task ARelaySession_EndsAtItsNextCheck_OnceItsUserHasANewPassword()
    {
        var id = ids[plan.Open];
        var (login, account) = await deployment.NewAdministratorAsync("pw");
        using var browser = com.Silo.NewClient();
        await browser.SignInAsync(login, SignedInSilo.AdminPassword);
        var page = $"https://localhost:{com.Silo.RelayPort}/{id}/WebManagement/login.html";
        var (status, _, body) = await StepAsync(browser, HttpMethod.Get, await LaunchAsync(browser, id));
        status.ShouldBe(302, body);
        (await RelayedAsync(browser, page)).Status.ShouldBe(200);

        // Same role, same labels: only the password changes, as when a user suspects it was seen.
        await account.UpdateAsync(TunnelDeployment.Admin, new AccountDetails(Role.Administrator), "Relay-Renewed-2027");
        var withdrawn = await Eventually.GetAsync(() => RelayedAsync(browser, page), r => r.Status == 401,
            TimeSpan.FromSeconds(30), "the relay to refuse a session opened before the password changed");
        withdrawn.Body.ShouldContain("withdrawn: your password or account settings changed since COM opened this Web Manager");
    }

    private async Task<List<string>> RelayClientsAsync(string customerId)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(com.Database.ConnectionString);
        await using var command = db.CreateCommand("SELECT client FROM com_tunnel_sessions WHERE customer_id = $1 AND account = $2");
        command.Parameters.AddWithValue(customerId);
        command.Parameters.AddWithValue(AdminRelay.RelayAccount);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var clients = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            clients.Add(reader.GetString(0));
        return clients;
    }

    /// <summary>COM's hand-over to the relay for <paramref name="customerId"/>: the relay URL with a fresh ticket.</summary>
    private static async Task<string> LaunchAsync(HttpClient browser, string customerId)
    {
        using var launch = await browser.GetAsync($"/com/relay/open/{customerId}", TestContext.Current.CancellationToken);
        launch.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, await launch.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return launch.Headers.Location!.ToString();
    }

    private static async Task<(int Status, bool RenewsCookie, string Body)> RelayedAsync(HttpClient browser, string url)
    {
        using var response = await browser.GetAsync(url, TestContext.Current.CancellationToken);
        var renews = response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith(AdminRelay.CookieName + "=", StringComparison.Ordinal) && !c.StartsWith(AdminRelay.CookieName + "=;", StringComparison.Ordinal));
        return ((int)response.StatusCode, renews, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<(int Status, string? Location, string Body)> StepAsync(HttpClient client, HttpMethod method, string url, string? form = null, string? referer = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (referer is not null)
            request.Headers.Referrer = new Uri(referer);
        if (form is not null)
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
