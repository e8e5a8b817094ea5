using Com.Grains.Interfaces.Accounts;
using Com.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Com.Tests.Accounts;

/// <summary>Sign-in, sign-out, language, lockout, forced change and idle sign-out, as a person meets them in chromium.</summary>
[Collection(nameof(OneBrowserAtATime))]
[Trait("Category", "Browser")]
public sealed class AccountBrowserTests(AccountBrowserTests.AccountsSilo silo) : IClassFixture<AccountBrowserTests.AccountsSilo>
{
    private const string Password = "Browser-Test-26";
    private static readonly Actor Admin = new("admin", Role.Administrator);

    /// <summary>One silo, its first Administrator, a browser, and a cluster client to create accounts with.</summary>
    public sealed class AccountsSilo : IAsyncLifetime
    {
        private ExternalClusterClient? client;

        public TestDatabase Database { get; } = new();

        /// <summary>What the silo adds to its security clock: write a <see cref="TimeSpan"/> here to move lockouts on.</summary>
        public string ClockOffsetFile { get; } = Path.Combine(Directory.CreateTempSubdirectory("com-clock").FullName, "offset");

        public SiloProcess Process { get; private set; } = default!;

        public Browser Browser { get; private set; } = default!;

        public IGrainFactory Grains => client!.Grains;

        public async ValueTask InitializeAsync()
        {
            await Database.InitializeAsync();
            Process = SiloProcess.Start(Database.ConnectionString, "accounts-browser",
                settings: new Dictionary<string, string> { ["Com__Testing__SecurityClockOffsetFile"] = ClockOffsetFile });
            await Process.WaitReadyAsync();
            await SignedInSilo.CreateAdminAsync(Database.ConnectionString);
            client = await ExternalClusterClient.ConnectAsync(Database.ConnectionString);
            Browser = await Browser.LaunchAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            if (client is not null)
                await client.DisposeAsync();
            await Process.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private async Task<string> CreateAsync(string prefix, AccountDetails details)
    {
        var login = $"{prefix}{Guid.NewGuid():N}"[..12];
        await silo.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).CreateAsync(Admin, login, details, Password);
        return login;
    }

    private static async Task SubmitSignInAsync(IPage page, string login, string password)
    {
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-test=signin]");
    }

    [Fact]
    public async Task SignInAndOut_ThroughTheUserMenu()
    {
        var login = await CreateAsync("inout", new AccountDetails(Role.Operator));
        var page = await silo.Browser.NewPageAsync(silo.Process);

        await Browser.SignInAsync(page, login, Password);
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-test=menu-customers]")).ToBeVisibleAsync();
        // An Operator's Settings menu holds the maintenance proxy accounts (SPEC RS-1) and nothing of the Administrators'.
        await page.ClickAsync("[data-test=menu-settings]");
        await Assertions.Expect(page.Locator("[data-test=menu-proxy-accounts]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=menu-accounts]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=menu-preferences]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=menu-tunnels]")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Browser.WaitInteractiveAsync(page);
        await Browser.ScreenshotAsync(page, "accounts-operator-home-en");

        await page.ClickAsync("[data-test=user-menu]");
        await page.ClickAsync("[data-test=signout]");

        await page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));
        await page.GotoAsync("/com/customers");
        await Assertions.Expect(page.Locator("[data-test=signin-form]")).ToBeVisibleAsync();
    }


    [Fact]
    public async Task ChoosingFrench_ShowsTheSignInPageAndMessagesInFrench()
    {
        var page = await silo.Browser.NewPageAsync(silo.Process);
        await page.GotoAsync("/com/signin");

        await page.ClickAsync("a[lang=fr]");

        await Assertions.Expect(page.Locator("[data-test=signin]")).ToHaveTextAsync("Se connecter");
        await SubmitSignInAsync(page, "nobody-at-all", "Wrong-Password-1");
        await Assertions.Expect(page.Locator("[data-test=signin-error]")).ToContainTextAsync("incorrect");
        await Browser.ScreenshotAsync(page, "accounts-signin-error-fr");
    }

    [Fact]
    public async Task ThreeWrongPasswords_BlockTheAccount_SoTheFourthRightOneIsRefused_UntilTenMinutesHavePassed()
    {
        var login = await CreateAsync("lock", new AccountDetails(Role.Supervisor));
        var page = await silo.Browser.NewPageAsync(silo.Process);
        await page.GotoAsync("/com/signin");

        for (var i = 1; i <= 3; i++)
        {
            await SubmitSignInAsync(page, login, $"Wrong-Password-{i}");
            await Assertions.Expect(page.Locator("[data-test=signin-error]")).ToContainTextAsync("Wrong login name or password.");
        }
        await SubmitSignInAsync(page, login, Password);

        await Assertions.Expect(page.Locator("[data-test=signin-error]")).ToContainTextAsync("blocked for 10 minutes");
        page.Url.ShouldContain("/signin");
        await Browser.ScreenshotAsync(page, "accounts-locked-en");

        await File.WriteAllTextAsync(silo.ClockOffsetFile, "00:09:30");
        await SubmitSignInAsync(page, login, Password);
        await Assertions.Expect(page.Locator("[data-test=signin-error]")).ToContainTextAsync("blocked for 10 minutes");

        await File.WriteAllTextAsync(silo.ClockOffsetFile, "00:10:01");
        await SubmitSignInAsync(page, login, Password);
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-test=user-menu]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ForcedPasswordChange_AllowsNothingElse_ThenSignsOutForTheNewPassword()
    {
        var login = await CreateAsync("force", new AccountDetails(Role.Operator, ForceNewPassword: true));
        var page = await silo.Browser.NewPageAsync(silo.Process);

        await Browser.SignInAsync(page, login, Password);
        await Assertions.Expect(page.Locator("[data-test=password-forced]")).ToBeVisibleAsync();
        await page.GotoAsync("/com/customers");
        page.Url.ShouldEndWith("/com/password", Case.Sensitive, "no other page before the password is changed");

        await page.FillAsync("#current", Password);
        await page.FillAsync("#password", "New-Browser-27");
        await page.FillAsync("#confirm", "Other-Browser-27");
        await page.ClickAsync("[data-test=change-password]");
        await Assertions.Expect(page.Locator("[data-test=password-error]")).ToContainTextAsync("differ");
        await Browser.ScreenshotAsync(page, "accounts-password-error-en");

        await page.FillAsync("#current", Password);
        await page.FillAsync("#password", "New-Browser-27");
        await page.FillAsync("#confirm", "New-Browser-27");
        await page.ClickAsync("[data-test=change-password]");
        await Assertions.Expect(page.Locator("[data-test=signin-notice]")).ToContainTextAsync("password was changed");

        await Browser.SignInAsync(page, login, "New-Browser-27");
        await Assertions.Expect(page.Locator("[data-test=menu-customers]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task IdleSession_IsSignedOutAfterItsTimeout_ButAKioskScreenIsNot()
    {
        var idle = await CreateAsync("idle", new AccountDetails(Role.Operator, SessionTimeoutMinutes: 5));
        var kiosk = await CreateAsync("kiosk", new AccountDetails(Role.ReadOnly, SessionTimeoutMinutes: 5, Kiosk: true));
        var idlePage = await silo.Browser.NewPageAsync(silo.Process);
        var kioskPage = await silo.Browser.NewPageAsync(silo.Process);
        await idlePage.Clock.InstallAsync();
        await kioskPage.Clock.InstallAsync();
        await Browser.SignInAsync(idlePage, idle, Password);
        await Browser.SignInAsync(kioskPage, kiosk, Password);
        await kioskPage.GotoAsync("/com/customers");
        await Assertions.Expect(kioskPage.Locator("[data-test=menu-customers]")).ToHaveCountAsync(0);
        await Assertions.Expect(kioskPage.Locator("[data-test=search]")).ToBeDisabledAsync();

        await idlePage.Clock.FastForwardAsync("05:30");
        await kioskPage.Clock.FastForwardAsync("05:30");

        await Assertions.Expect(idlePage.Locator("[data-test=signin-notice]")).ToContainTextAsync("inactivity", new() { Timeout = 15000 });
        // The kiosk page's own timers ran to the same point; past ten minutes its keep-alive shows it is still signed in and on its page.
        var keptAlive = kioskPage.WaitForResponseAsync(r => r.Url.EndsWith("/account/keepalive", StringComparison.Ordinal));
        await kioskPage.Clock.FastForwardAsync("05:00");
        (await keptAlive).Status.ShouldBe(204, "the kiosk session must still be valid");
        kioskPage.Url.ShouldEndWith("/com/customers");
        await Assertions.Expect(kioskPage.Locator("[data-test=customers]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(kioskPage, "accounts-kiosk-en");
    }

    [Fact]
    public async Task SecurityBanner_SetByAnAdministrator_ShowsOnTheSignInPageWithoutItsScript()
    {
        var admin = await silo.Browser.NewPageAsync(silo.Process);
        await Browser.SignInAsync(admin, "admin", SignedInSilo.AdminPassword);
        await admin.GotoAsync("/com/preferences");
        await Browser.WaitInteractiveAsync(admin);
        await admin.GetByLabel("Show a security banner on the sign-in page").CheckAsync();
        await admin.FillAsync("[data-test=banner-title]", "Private system");
        await admin.FillAsync("[data-test=banner-html]", "<p>Use is <b>monitored</b>.</p><script>window.bannerRan = true</script>");
        await admin.ClickAsync("[data-test=save-security]");
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Saved");
        await Browser.ScreenshotAsync(admin, "accounts-preferences-en");

        var visitor = await silo.Browser.NewPageAsync(silo.Process);
        await visitor.GotoAsync("/com/signin");

        var banner = visitor.Locator("[data-test=security-banner]");
        await Assertions.Expect(banner).ToContainTextAsync("Private system");
        await Assertions.Expect(banner.Locator("b")).ToHaveTextAsync("monitored");
        (await banner.InnerHTMLAsync()).ShouldNotContain("script");
        (await visitor.EvaluateAsync<bool>("() => window.bannerRan === true")).ShouldBeFalse();
        await Browser.ScreenshotAsync(visitor, "accounts-banner-en");
    }

    [Fact]
    public async Task AccountManagement_AddsRefusesBadInputEditsAndDeletesWithConfirmation()
    {
        var page = await silo.Browser.NewPageAsync(silo.Process);
        await Browser.SignInAsync(page, "admin", SignedInSilo.AdminPassword);
        await page.GotoAsync("/com/accounts");
        await Browser.WaitInteractiveAsync(page);
        var login = $"ui{Guid.NewGuid():N}"[..10];

        await page.ClickAsync("[data-test=add-account]");
        await page.FillAsync("[data-test=field-login]", login);
        await page.FillAsync("[data-test=field-password]", Password);
        await page.FillAsync("[data-test=field-confirm]", Password);
        await page.FillAsync("[data-test=field-first]", "Ada");
        await page.FillAsync("[data-test=field-phone]", "01 23");
        await page.ClickAsync("[data-test=save-account]");
        await Assertions.Expect(page.Locator("[data-test=account-error]")).ToContainTextAsync("digits only");
        (await silo.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).ExistsAsync()).ShouldBeFalse("a refused form creates nothing");
        await Browser.ScreenshotAsync(page, "accounts-dialog-error-en");

        await page.FillAsync("[data-test=field-phone]", "0123456789");
        await page.ClickAsync("[data-test=save-account]");
        var row = page.Locator("tr", new() { HasText = login });
        await Assertions.Expect(row).ToContainTextAsync("Ada");
        await Assertions.Expect(row).ToContainTextAsync("0123456789");
        await Browser.ScreenshotAsync(page, "accounts-list-en");

        await row.Locator("[data-test=account-login]").ClickAsync();
        await page.FillAsync("[data-test=field-last]", "Lovelace");
        await page.ClickAsync("[data-test=save-account]");
        await Assertions.Expect(row).ToContainTextAsync("Lovelace");

        await row.Locator("[data-test=delete-account]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.Locator("[data-test=delete-account]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        (await silo.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).ExistsAsync()).ShouldBeFalse();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "admin" }).Locator("[data-test=delete-account]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Supervisor_SeesAndCreatesOnlyItsOwnOperators()
    {
        var supervisor = await CreateAsync("sup", new AccountDetails(Role.Supervisor, Labels: ["Acme"]));
        var others = await CreateAsync("opx", new AccountDetails(Role.Operator));
        var page = await silo.Browser.NewPageAsync(silo.Process, "fr-FR");
        await Browser.SignInAsync(page, supervisor, Password);
        await page.GotoAsync("/com/accounts");
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-test=accounts]")).ToContainTextAsync("Aucun compte");
        await Assertions.Expect(page.Locator("tr", new() { HasText = others })).ToHaveCountAsync(0);

        await page.ClickAsync("[data-test=add-account]");
        var login = $"op{Guid.NewGuid():N}"[..10];
        await page.FillAsync("[data-test=field-login]", login);
        await page.FillAsync("[data-test=field-password]", Password);
        await page.FillAsync("[data-test=field-confirm]", Password);
        await Browser.ScreenshotAsync(page, "accounts-dialog-supervisor-fr");
        await page.ClickAsync("[data-test=save-account]");

        await Assertions.Expect(page.Locator("tr", new() { HasText = login })).ToContainTextAsync("Opérateur");
        (await silo.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).GetAsync()).ShouldNotBeNull().CreatedBy.ShouldBe(supervisor);
        await Browser.ScreenshotAsync(page, "accounts-list-supervisor-fr");
    }

    [Fact]
    public async Task Profile_SavesOwnDetailsAndAPicture_AndRefusesAFileThatIsNoImage()
    {
        var login = await CreateAsync("prof", new AccountDetails(Role.ReadOnly));
        var page = await silo.Browser.NewPageAsync(silo.Process);
        await Browser.SignInAsync(page, login, Password);
        await page.GotoAsync("/com/profile");
        await Browser.WaitInteractiveAsync(page);

        await page.FillAsync("[data-test=profile-phone]", "12ab");
        await page.ClickAsync("[data-test=profile-save]");
        await Assertions.Expect(page.Locator("[data-test=profile-error]")).ToContainTextAsync("digits only");
        await page.FillAsync("[data-test=profile-phone]", "0612345678");
        await page.ClickAsync("[data-test=profile-save]");
        await Assertions.Expect(page.Locator("[data-test=profile-error]")).ToHaveCountAsync(0);
        (await silo.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).GetAsync()).ShouldNotBeNull().Details.Phone.ShouldBe("0612345678");

        await page.Locator("[data-test=avatar-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "photo.png", MimeType = "image/png", Buffer = System.Text.Encoding.UTF8.GetBytes("<svg><script>alert(1)</script></svg>"),
        });
        await Assertions.Expect(page.Locator("[data-test=avatar-error]")).ToContainTextAsync("not an image");
        (await silo.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).GetAvatarAsync()).ShouldBeNull("a refused file changes nothing");

        await page.Locator("[data-test=avatar-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "photo.jpg", MimeType = "image/jpeg", Buffer = Com.Tests.WebFront.AvatarImageTests.Image(800, 600),
        });
        var avatar = page.Locator("img[data-test=avatar]");
        await Assertions.Expect(avatar).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('img[data-test=avatar]').naturalWidth === 256");
        await Browser.ScreenshotAsync(page, "accounts-profile-en");
    }
}
