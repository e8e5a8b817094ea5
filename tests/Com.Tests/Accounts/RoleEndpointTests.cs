using System.Net;
using Com.Grains.Interfaces.Accounts;
using Com.Tests.Infrastructure;

namespace Com.Tests.Accounts;

/// <summary>The role matrix over real HTTPS: each page answers 200 or 403 by role, whatever the menu shows.</summary>
[Trait("Category", "Process")]
public sealed class RoleEndpointTests(RoleEndpointTests.SiloWithEveryRole silo) : IClassFixture<RoleEndpointTests.SiloWithEveryRole>
{
    public const string Password = "Role-Test-2026";

    /// <summary>One silo with an account of every role, created by the first Administrator.</summary>
    public sealed class SiloWithEveryRole : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();

        public SiloProcess Process { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            await Database.InitializeAsync();
            Process = SiloProcess.Start(Database.ConnectionString, "roles");
            await Process.WaitReadyAsync();
            await SignedInSilo.CreateAdminAsync(Database.ConnectionString);
            await using var client = await ExternalClusterClient.ConnectAsync(Database.ConnectionString);
            var admin = new Actor("admin", Role.Administrator);
            foreach (var role in Enum.GetValues<Role>())
                await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(LoginOf(role))).CreateAsync(admin, LoginOf(role), new AccountDetails(role), Password);
        }

        public async ValueTask DisposeAsync()
        {
            await Process.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    public static string LoginOf(Role role) => $"r-{role}".ToLowerInvariant();

    // Path, then the capability that opens it (null: any signed-in user).
    private static readonly (string Path, Capability? Needs)[] Pages =
    [
        ("/com/", Capability.Monitor),
        ("/com/customers", Capability.Monitor),
        ("/com/password", null),
        ("/com/profile", null),
        ("/com/preferences", Capability.ServerSettings),
        ("/com/cluster", Capability.ServerSettings),
        ("/com/dashboard/", Capability.ServerSettings),
        ("/com/audit", Capability.ManageAllAccounts),
        ("/com/tunnels", Capability.TunnelSessions),
        ("/com/accounts", null),
        ("/com/proxy-accounts", Capability.ManageProxyAccounts),
    ];

    public static TheoryData<Role, string, bool> Cells()
    {
        var cells = new TheoryData<Role, string, bool>();
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var (path, needs) in Pages)
                cells.Add(role, path, path == "/com/accounts"
                    ? Permissions.Allows(role, Capability.ManageAllAccounts) || Permissions.Allows(role, Capability.ManageOwnOperators)
                    : needs is not { } capability || Permissions.Allows(role, capability));
        }
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EveryPage_AnswersByRole(Role role, string path, bool allowed)
    {
        using var browser = silo.Process.NewClient();
        (await browser.SignInAsync(LoginOf(role), Password)).Headers.Location!.ToString().ShouldBe("/com/");

        using var response = await browser.GetAsync(path);

        response.StatusCode.ShouldBe(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{role} on {path}");
        if (!allowed)
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("Your role does not allow this page.");
    }

    [Theory]
    [InlineData(Role.Administrator, true)]
    [InlineData(Role.Support, false)]
    [InlineData(Role.Supervisor, true)]
    [InlineData(Role.Operator, true)]
    [InlineData(Role.ReadOnly, false)]
    public async Task SettingsMenu_IsShownOnlyToRolesThatMayUseIt(Role role, bool shown)
    {
        using var browser = silo.Process.NewClient();
        await browser.SignInAsync(LoginOf(role), Password);

        var home = await browser.GetPageAsync("/com/customers");

        home.Contains("data-test=\"menu-settings\"", StringComparison.Ordinal).ShouldBe(shown, role.ToString());
        home.ShouldContain("data-test=\"menu-customers\"");
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsOpenSession()
    {
        await using var client = await ExternalClusterClient.ConnectAsync(silo.Database.ConnectionString);
        var login = "r-victim";
        var user = client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login));
        await user.CreateAsync(new Actor("admin", Role.Administrator), login, new AccountDetails(Role.Operator), Password);
        using var browser = silo.Process.NewClient();
        await browser.SignInAsync(login, Password);
        (await browser.GetAsync("/com/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await user.UpdateAsync(new Actor("admin", Role.Administrator), new AccountDetails(Role.Operator, Disabled: true), null);

        using var after = await browser.GetAsync("/com/customers");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a disabled account's cookie must stop working at once");
        after.Headers.Location!.ToString().ShouldContain("/com/signin");
    }

    [Fact]
    public async Task Passwords_NeverReachTheSilosLog()
    {
        const string wrong = "Wrong-Secret-314";
        const string renewed = "Renewed-Secret-271";
        const string login = "r-logs";
        await using (var client = await ExternalClusterClient.ConnectAsync(silo.Database.ConnectionString))
            await client.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).CreateAsync(new Actor("admin", Role.Administrator), login, new AccountDetails(Role.Operator), Password);
        using var browser = silo.Process.NewClient();
        await browser.SignInAsync(login, wrong);
        await browser.SignInAsync(login, Password);
        var form = await browser.GetStringAsync("/com/password");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var changed = await browser.PostAsync("/com/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["current"] = Password,
            ["password"] = renewed,
            ["confirm"] = renewed,
        }));
        changed.Headers.Location!.ToString().ShouldContain("notice=PasswordChanged");

        var log = silo.Process.Output;

        log.ShouldNotBeEmpty();
        foreach (var secret in new[] { wrong, Password, renewed, SignedInSilo.AdminPassword })
            log.ShouldNotContain(secret);
    }
}
