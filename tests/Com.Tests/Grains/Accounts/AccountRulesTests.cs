using Com.Grains.Interfaces.Accounts;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Accounts;

/// <summary>The cluster for account tests: lockouts and expiries follow a clock the tests move.</summary>
public sealed class AccountsCluster : PostgresCluster
{
    protected override short Silos => 2;

    protected override bool ControlsSecurityClock => true;
}

/// <summary>SPEC AUTH-2/3/4/7 and USER-2/3 as the user grain enforces them, whoever calls it.</summary>
[Trait("Category", "Cluster")]
public sealed class AccountRulesTests(AccountsCluster cluster) : IClassFixture<AccountsCluster>
{
    private const string Password = "Summer-2026!";
    private static readonly Actor Admin = new("root", Role.Administrator);

    private IUserGrain User(string login) => cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login));

    /// <summary>Grains check the acting user against its account, so the tests' Administrator must really exist.</summary>
    private async Task EnsureRootAsync()
    {
        if (!await User(Admin.Login).ExistsAsync())
            await User(Admin.Login).CreateAsync(Admin.Login, Role.Administrator, "Root-Password-1");
    }

    private static string NewLogin(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..15];

    private async Task<string> CreateAsync(Role role, Actor? by = null, AccountDetails? details = null, string password = Password)
    {
        await EnsureRootAsync();
        var login = NewLogin(role.ToString()[..3].ToLowerInvariant());
        await User(login).CreateAsync(by ?? Admin, login, details ?? new AccountDetails(role), password);
        return login;
    }

    [Fact]
    public async Task ThreeWrongPasswords_LockTheAccountForTenMinutes_EvenForTheRightPassword()
    {
        var login = await CreateAsync(Role.Operator);

        for (var i = 0; i < 3; i++)
            (await User(login).SignInAsync("Wrong-Password-1")).Outcome.ShouldBe(SignInOutcome.InvalidCredentials);

        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Locked, "the fourth attempt, right or not, is refused");
        PostgresCluster.SecurityTime.Advance(TimeSpan.FromMinutes(9));
        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Locked, "still within the 10 minutes");
        PostgresCluster.SecurityTime.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Success);
    }

    [Fact]
    public async Task FailuresSpreadOverMoreThanTenMinutes_DoNotLock()
    {
        var login = await CreateAsync(Role.Operator);

        await User(login).SignInAsync("Wrong-Password-1");
        await User(login).SignInAsync("Wrong-Password-1");
        PostgresCluster.SecurityTime.Advance(TimeSpan.FromMinutes(10));
        await User(login).SignInAsync("Wrong-Password-1");

        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Success);
    }

    [Fact]
    public async Task ParallelGuesses_AreCountedInOnePlace_SoOnlyThreeAreEverChecked()
    {
        var login = await CreateAsync(Role.Supervisor);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => User(login).SignInAsync($"Guess-number-{i}")));

        answers.Count(a => a.Outcome == SignInOutcome.InvalidCredentials).ShouldBe(3);
        answers.Count(a => a.Outcome == SignInOutcome.Locked).ShouldBe(9);
    }

    [Fact]
    public async Task UnknownLogin_LocksLikeARealOne_SoTheLockoutDoesNotRevealWhichLoginsExist()
    {
        var unknown = NewLogin("ghost");

        for (var i = 0; i < 3; i++)
            (await User(unknown).SignInAsync("Wrong-Password-1")).Outcome.ShouldBe(SignInOutcome.InvalidCredentials);

        (await User(unknown).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Locked);
        (await User(unknown).ExistsAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task ChangePassword_RefusesTheLastThreePasswords_ThenAcceptsAnOlderOne()
    {
        var login = await CreateAsync(Role.Operator, password: "Password-A-1");
        await User(login).ChangePasswordAsync("Password-A-1", "Password-B-1");
        await User(login).ChangePasswordAsync("Password-B-1", "Password-C-1");

        (await Should.ThrowAsync<AccountRejectedException>(() => User(login).ChangePasswordAsync("Password-C-1", "Password-A-1"))).Reason.ShouldBe("PasswordReused");
        (await Should.ThrowAsync<AccountRejectedException>(() => User(login).ChangePasswordAsync("Password-C-1", "Password-C-1"))).Reason.ShouldBe("PasswordReused");
        (await User(login).SignInAsync("Password-C-1")).Outcome.ShouldBe(SignInOutcome.Success, "a refused change leaves the password as it was");

        await User(login).ChangePasswordAsync("Password-C-1", "Password-D-1");
        await User(login).ChangePasswordAsync("Password-D-1", "Password-A-1");
        (await User(login).SignInAsync("Password-A-1")).Outcome.ShouldBe(SignInOutcome.Success, "A is four passwords back: usable again");
    }

    [Theory]
    [InlineData("Wrong-Current-1", "Brand-New-Pass-1", "CurrentPasswordWrong")]
    [InlineData(Password, "short-1", "PasswordTooShort")]
    [InlineData(Password, "alllowercaseletters", "PasswordTooSimple")]
    public async Task ChangePassword_WithBadInput_IsRefusedAndChangesNothing(string current, string replacement, string reason)
    {
        var login = await CreateAsync(Role.ReadOnly);

        (await Should.ThrowAsync<AccountRejectedException>(() => User(login).ChangePasswordAsync(current, replacement))).Reason.ShouldBe(reason);

        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Success);
    }

    [Fact]
    public async Task ForceNewPassword_IsSaidAtSignIn_UntilThePasswordIsChanged()
    {
        var login = await CreateAsync(Role.Operator, details: new AccountDetails(Role.Operator, ForceNewPassword: true));

        (await User(login).SignInAsync(Password)).MustChangePassword.ShouldBeTrue();
        await User(login).ChangePasswordAsync(Password, "Changed-Pass-2");

        var after = await User(login).SignInAsync("Changed-Pass-2");
        after.Outcome.ShouldBe(SignInOutcome.Success);
        after.MustChangePassword.ShouldBeFalse();
    }

    [Fact]
    public async Task ExpiredAccount_BecomesDisabled_AndStaysSoUntilAnAdministratorEnablesIt()
    {
        var expiry = PostgresCluster.SecurityTime.GetUtcNow().AddDays(30);
        var login = await CreateAsync(Role.Operator, details: new AccountDetails(Role.Operator, ExpiresAt: expiry));

        PostgresCluster.SecurityTime.Advance(TimeSpan.FromDays(31));
        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Expired);
        (await User(login).GetAsync()).ShouldNotBeNull().Details.Disabled.ShouldBeTrue();
        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Disabled);

        await User(login).UpdateAsync(Admin, new AccountDetails(Role.Operator, ExpiresAt: PostgresCluster.SecurityTime.GetUtcNow().AddDays(90)), null);
        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Success);
    }

    [Fact]
    public async Task NewAccount_WithoutAnExpiryDate_ExpiresInAYear()
    {
        var login = await CreateAsync(Role.Support);

        var expires = (await User(login).GetAsync()).ShouldNotBeNull().Details.ExpiresAt.ShouldNotBeNull();

        expires.ShouldBe(PostgresCluster.SecurityTime.GetUtcNow().AddDays(365), TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("0123456789abcdef", "LoginTooLong")]
    [InlineData("bad login", "LoginInvalidCharacters")]
    public async Task Create_WithABadLogin_IsRefusedAndCreatesNothing(string login, string reason)
    {
        await EnsureRootAsync();
        var refused = await Should.ThrowAsync<AccountRejectedException>(() => User(login).CreateAsync(Admin, login, new AccountDetails(Role.Operator), Password));

        refused.Reason.ShouldBe(reason);
        (await User(login).ExistsAsync()).ShouldBeFalse();
    }

    public static TheoryData<AccountDetails, string> BadDetails => new()
    {
        { new AccountDetails(Role.Operator, FirstName: "Bartholomew-Maximilian", LastName: "Worthington"), "NameTooLong" },
        { new AccountDetails(Role.Operator, Phone: "+33 1 23 45"), "PhoneInvalid" },
        { new AccountDetails(Role.Operator, Mobile: "1234567890123456"), "PhoneInvalid" },
        { new AccountDetails(Role.Operator, Email: "not an address"), "EmailInvalid" },
        { new AccountDetails(Role.Administrator, Labels: ["Acme"]), "LabelsNotForThisRole" },
        { new AccountDetails(Role.Operator, SessionTimeoutMinutes: 7), "SessionTimeoutInvalid" },
        { new AccountDetails(Role.Operator, Kiosk: true), "KioskNotForThisRole" },
    };

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Create_WithABadField_IsRefusedWithItsReasonAndCreatesNothing(AccountDetails details, string reason)
    {
        await EnsureRootAsync();
        var login = NewLogin("bad");

        var refused = await Should.ThrowAsync<AccountRejectedException>(() => User(login).CreateAsync(Admin, login, details, Password));

        refused.Reason.ShouldBe(reason);
        (await User(login).ExistsAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Supervisor_ManagesOnlyTheOperatorsItCreated_WithItsOwnLabels()
    {
        var supervisorLogin = await CreateAsync(Role.Supervisor, details: new AccountDetails(Role.Supervisor, Labels: ["Acme", "Globex"]));
        await EnsureRootAsync();
        var supervisor = new Actor(supervisorLogin, Role.Supervisor);
        var rival = new Actor(await CreateAsync(Role.Supervisor), Role.Supervisor);

        var mine = await CreateAsync(Role.Operator, supervisor, new AccountDetails(Role.Operator, Labels: ["acme"]));
        (await User(mine).GetAsync()).ShouldNotBeNull().CreatedBy.ShouldBe(supervisorLogin);

        var admin = NewLogin("adm");
        var notAllowed = new (string Why, Func<Task> Attempt)[]
        {
            ("an Administrator", () => User(admin).CreateAsync(supervisor, admin, new AccountDetails(Role.Administrator), Password)),
            ("another Supervisor's Operator", () => User(mine).UpdateAsync(rival, new AccountDetails(Role.Operator), null)),
            ("promoting its Operator", () => User(mine).UpdateAsync(supervisor, new AccountDetails(Role.Supervisor), null)),
            ("deleting another's Operator", () => User(mine).DeleteAsync(rival)),
        };
        foreach (var (why, attempt) in notAllowed)
            (await Should.ThrowAsync<AccountRejectedException>(attempt, why)).Reason.ShouldBe("NotAllowed", why);

        var label = NewLogin("lbl");
        (await Should.ThrowAsync<AccountRejectedException>(() => User(label).CreateAsync(supervisor, label, new AccountDetails(Role.Operator, Labels: ["Initech"]), Password)))
            .Reason.ShouldBe("LabelNotYours");
        (await User(label).ExistsAsync()).ShouldBeFalse();
        (await User(mine).GetAsync()).ShouldNotBeNull().Details.Role.ShouldBe(Role.Operator, "refused edits change nothing");

        await User(mine).DeleteAsync(supervisor);
        (await User(mine).ExistsAsync()).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Role.Operator)]
    [InlineData(Role.Support)]
    [InlineData(Role.ReadOnly)]
    public async Task RolesWithoutAccountRights_CannotCreateAny(Role role)
    {
        var actor = new Actor(await CreateAsync(role), role);
        var login = NewLogin("x");

        (await Should.ThrowAsync<AccountRejectedException>(() => User(login).CreateAsync(actor, login, new AccountDetails(Role.Operator), Password)))
            .Reason.ShouldBe("NotAllowed");
        (await User(login).ExistsAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task NobodyDeletesTheirOwnAccount_NotEvenAnAdministrator()
    {
        var login = await CreateAsync(Role.Administrator);

        (await Should.ThrowAsync<AccountRejectedException>(() => User(login).DeleteAsync(new Actor(login, Role.Administrator)))).Reason.ShouldBe("CannotDeleteYourself");

        (await User(login).ExistsAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task AuditLog_RecordsSecurityEvents_AndNeverAPassword()
    {
        const string first = "Audit-Secret-71";
        const string second = "Audit-Secret-72";
        var login = await CreateAsync(Role.Operator, password: first);
        await User(login).SignInAsync("Audit-Wrong-73", "192.0.2.7");
        await User(login).SignInAsync(first, "192.0.2.7");
        await User(login).ChangePasswordAsync(first, second);
        await User(login).UpdateAsync(Admin, new AccountDetails(Role.Operator, Disabled: true), "Audit-Secret-74");

        var rows = await cluster.Database.CreateDataSource().ReadColumnAsync<string>(
            $"SELECT concat_ws('|', event, actor, subject, detail, address) FROM com_security_audit WHERE subject = '{login}' ORDER BY id");

        rows.Select(r => r.Split('|')[0]).ShouldBe(["AccountCreated", "SignInFailed", "SignInSucceeded", "PasswordChanged", "AccountUpdated"]);
        rows[1].ShouldEndWith("|192.0.2.7");
        rows[4].ShouldContain("disabled");
        rows[4].ShouldContain("password set");
        var everything = string.Join('\n', await cluster.Database.CreateDataSource().ReadColumnAsync<string>(
            "SELECT concat_ws('|', event, actor, subject, detail, address) FROM com_security_audit"));
        foreach (var secret in new[] { first, second, "Audit-Wrong-73", "Audit-Secret-74" })
            everything.ShouldNotContain(secret);
    }

    [Fact]
    public async Task AccountList_ShowsEachActorOnlyTheAccountsItMayManage()
    {
        var supervisor = new Actor(await CreateAsync(Role.Supervisor), Role.Supervisor);
        var mine = await CreateAsync(Role.Operator, supervisor);
        var other = await CreateAsync(Role.Operator);
        var directory = cluster.Grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key);

        (await directory.ListForAsync(supervisor)).Select(a => a.Login).ShouldBe([mine]);
        (await directory.ListForAsync(Admin)).Select(a => a.Login).ShouldContain(other);
        (await directory.ListForAsync(new Actor(mine, Role.Operator))).ShouldBeEmpty();

        await User(mine).DeleteAsync(supervisor);
        (await directory.ListForAsync(supervisor)).ShouldBeEmpty("a deleted account leaves the list");
    }

    [Theory]
    [InlineData(Role.Support)]
    [InlineData(Role.Supervisor)]
    public async Task AuditLog_IsReadOnlyByAdministrators(Role role)
    {
        var audit = cluster.Grains.GetGrain<ISecurityAuditGrain>(0);

        var login = await CreateAsync(role);

        (await Should.ThrowAsync<AccountRejectedException>(() => audit.ReadAsync(new Actor(login, role), 0, 10, null))).Reason.ShouldBe("NotAllowed");
        (await audit.ReadAsync(Admin, 0, 10, login)).ShouldNotBeEmpty("creating the account was recorded");
    }

    [Fact]
    public async Task ActorWhoseAccountChanged_CannotActWithTheRoleItsSessionStillClaims()
    {
        var formerAdmin = await CreateAsync(Role.Administrator);
        var claimed = new Actor(formerAdmin, Role.Administrator);
        await User(formerAdmin).UpdateAsync(Admin, new AccountDetails(Role.ReadOnly), null);
        var login = NewLogin("bd");

        (await Should.ThrowAsync<AccountRejectedException>(() => User(login).CreateAsync(claimed, login, new AccountDetails(Role.Administrator), Password)))
            .Reason.ShouldBe("NotAllowed");
        (await User(login).ExistsAsync()).ShouldBeFalse("a demoted Administrator must not create a backdoor account");
        (await Should.ThrowAsync<AccountRejectedException>(() => cluster.Grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).ListForAsync(claimed)))
            .Reason.ShouldBe("NotAllowed");
    }

    [Fact]
    public async Task ExpiredAccount_IsEnabledAgainOnlyWithAFutureDate_AndItsSessionsEnd()
    {
        var login = await CreateAsync(Role.Operator, details: new AccountDetails(Role.Operator, ExpiresAt: PostgresCluster.SecurityTime.GetUtcNow().AddDays(1)));
        var stamp = await User(login).SessionStampAsync();
        stamp.ShouldNotBeNull();

        PostgresCluster.SecurityTime.Advance(TimeSpan.FromDays(2));

        (await User(login).SessionStampAsync()).ShouldBeNull("an open session ends when the account expires");
        (await Should.ThrowAsync<AccountRejectedException>(() => User(login).UpdateAsync(Admin, new AccountDetails(Role.Operator), null)))
            .Reason.ShouldBe("ExpiryInPast");
    }

    [Fact]
    public async Task ExpiredOperator_IsEnabledAgainByAnAdministrator_NotByItsSupervisor()
    {
        var supervisor = new Actor(await CreateAsync(Role.Supervisor), Role.Supervisor);
        var login = await CreateAsync(Role.Operator, supervisor, new AccountDetails(Role.Operator, ExpiresAt: PostgresCluster.SecurityTime.GetUtcNow().AddDays(1)));
        PostgresCluster.SecurityTime.Advance(TimeSpan.FromDays(2));
        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Expired);
        var renewed = new AccountDetails(Role.Operator, ExpiresAt: PostgresCluster.SecurityTime.GetUtcNow().AddDays(30));

        (await Should.ThrowAsync<AccountRejectedException>(() => User(login).UpdateAsync(supervisor, renewed, null))).Reason.ShouldBe("NotAllowed");
        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Disabled, "the refused change left it disabled");

        await User(login).UpdateAsync(Admin, renewed, null);
        (await User(login).SignInAsync(Password)).Outcome.ShouldBe(SignInOutcome.Success);
    }
}
