using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Grains.RemoteSupport;
using Com.Storage.Audit;
using Com.Storage.RemoteSupport;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.RemoteSupport;

/// <summary>
/// SPEC RS-1 as the proxy accounts grain enforces it, whoever calls: accounts appear when customers name a reseller or
/// distributor, and only Supervisors and Operators whose labels match set their credentials, stored as a hash the
/// proxy can verify.
/// </summary>
[Collection(SharedGrainCluster.Name)]
[Trait("Category", "Cluster")]
public sealed class ProxyAccountsGrainTests(PostgresCluster cluster)
{
    private const string Password = "Proxy-Secret-2026";
    private const string UserPassword = "Proxy-Tests-26";
    private static readonly Actor Admin = new("root", Role.Administrator);

    private IProxyAccountsGrain Accounts => cluster.Grains.GetGrain<IProxyAccountsGrain>(0);

    private ProxyAccountStore Store => new(cluster.Database.CreateDataSource());

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    private ICustomerAdministrationGrain AdminOf(string id) => cluster.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id));

    private async Task<CustomerRecord> CustomerAsync(string? reseller, string? distributor)
    {
        await RootAsync();
        var id = CustomerIds.Generate();
        var record = new CustomerRecord(id, $"Proxy customer {id}", "COMAdmin", reseller, distributor, "Tech", "tech@example.com");
        await AdminOf(id).CreateAsync(Admin, new NewCustomer(record, "Pbx-Secret-4"));
        return record;
    }

    /// <summary>The Administrator that creates customers and users; other classes of the shared cluster create it alike.</summary>
    private async Task RootAsync()
    {
        var root = cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(Admin.Login));
        if (!await root.ExistsAsync())
            await root.CreateAsync(Admin.Login, Role.Administrator, "Root-Password-1");
    }

    private async Task<Actor> UserAsync(Role role, params string[] labels)
    {
        await RootAsync();
        var login = Unique(role.ToString()[..3].ToLowerInvariant());
        var details = new AccountDetails(role, Labels: Permissions.HasLabels(role) ? labels : null);
        await cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).CreateAsync(Admin, login, details, UserPassword);
        return new Actor(login, role);
    }

    private static ProxyCredentials Credentials(string name, string userName, string password = Password, bool replace = false,
        ProxyAccountOwner owner = ProxyAccountOwner.Reseller) => new(owner, name, userName, password, replace);

    [Fact]
    public async Task ASupervisorWhoseLabelMatches_SetsCredentials_StoredAsAHashTheProxyVerifies()
    {
        var (reseller, distributor) = (Unique("Res "), Unique("Dis "));
        await CustomerAsync(reseller, distributor);
        var supervisor = await UserAsync(Role.Supervisor, reseller.ToUpperInvariant() + " ");

        var listed = await Accounts.ListAsync(supervisor);
        listed.ShouldBe([new ProxyAccountView(ProxyAccountOwner.Reseller, reseller, null, null, null)],
            "a label matches without case and trimmed; the distributor's account is not the supervisor's");
        var userName = Unique("acme.support-");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var set = await Accounts.SetCredentialsAsync(supervisor, Credentials(reseller, $"  {userName} "));

        (set.UserName, set.SetBy, set.HasCredentials).ShouldBe((userName, supervisor.Login, true), "the user name is stored trimmed");
        set.SetAt.ShouldNotBeNull().ShouldBeGreaterThan(before);
        (await Accounts.ListAsync(supervisor)).ShouldBe([set]);
        var stored = (await Store.FindByUserAsync(userName.ToUpperInvariant())).ShouldNotBeNull("the proxy finds the account by user name without case");
        stored.PasswordHash.ShouldNotBeNull().ShouldNotContain(Password);
        ProxyPasswords.Verify(stored.PasswordHash, Password).ShouldBeTrue("the proxy verifies sign-ins with ProxyPasswords");
        ProxyPasswords.Verify(stored.PasswordHash, Password + "x").ShouldBeFalse();
        var audit = await new SecurityAuditLog(cluster.Database.CreateDataSource()).ReadAsync(0, 10, supervisor.Login);
        audit.ShouldContain(e => e.Event == SecurityEvents.ProxyCredentialsSet && e.Subject == $"reseller {reseller}" && !e.Detail.Contains(Password));
    }

    [Fact]
    public async Task AnOperatorWhoseLabelMatchesTheDistributor_SetsTheDistributorsAccount()
    {
        var distributor = Unique("Dis ");
        await CustomerAsync(null, distributor);
        var op = await UserAsync(Role.Operator, "Unrelated", distributor);

        var set = await Accounts.SetCredentialsAsync(op, Credentials(distributor, Unique("dist_"), owner: ProxyAccountOwner.Distributor));

        (await Accounts.ListAsync(op)).ShouldBe([set]);
        (await Store.FindAsync(ProxyAccountKind.Distributor, distributor)).ShouldNotBeNull().HasCredentials.ShouldBeTrue();
    }

    [Theory]
    [InlineData(Role.Administrator, false)]
    [InlineData(Role.Support, false)]
    [InlineData(Role.ReadOnly, true)]
    [InlineData(Role.Supervisor, false)]
    [InlineData(Role.Operator, false)]
    public async Task NobodyElse_SeesOrSetsTheAccount_AndNothingChanges(Role role, bool withTheLabel)
    {
        var reseller = Unique("Res ");
        await CustomerAsync(reseller, null);
        var actor = await UserAsync(role, withTheLabel ? reseller : "Some other reseller");

        var refused = await Should.ThrowAsync<AccountRejectedException>(() => Accounts.SetCredentialsAsync(actor, Credentials(reseller, Unique("nobody-"))));

        refused.Reason.ShouldBe("NotAllowed", $"{role} {(withTheLabel ? "with" : "without")} the label");
        if (Permissions.Allows(role, Capability.ManageProxyAccounts))
            (await Accounts.ListAsync(actor)).ShouldNotContain(a => a.Name == reseller);
        else
            (await Should.ThrowAsync<AccountRejectedException>(() => Accounts.ListAsync(actor))).Reason.ShouldBe("NotAllowed");
        (await Store.FindAsync(ProxyAccountKind.Reseller, reseller)).ShouldNotBeNull().HasCredentials.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Role.ReadOnly)]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Operator)]
    public async Task TheCustomerPage_ShowsTheUserNameOfTheLabelsAccounts_NeverWhoSetIt(Role role)
    {
        var (reseller, other) = (Unique("Res "), Unique("Res "));
        await CustomerAsync(reseller, null);
        await CustomerAsync(other, null);
        var supervisor = await UserAsync(Role.Supervisor, reseller, other);
        var userName = Unique("page-");
        await Accounts.SetCredentialsAsync(supervisor, Credentials(reseller, userName));
        var actor = await UserAsync(role, reseller);

        (await Accounts.ListForSupportAsync(actor)).ShouldBe([new ProxyAccountView(ProxyAccountOwner.Reseller, reseller, userName, null, null)],
            $"a {role} with the reseller's label sees its account's user name only, not the other reseller's");
    }

    [Theory]
    [InlineData(Role.Administrator)]
    [InlineData(Role.Support)]
    public async Task TheCustomerPage_GivesNoUserNameToRolesWithoutRemoteSupportRights(Role role)
    {
        var actor = await UserAsync(role);

        (await Should.ThrowAsync<AccountRejectedException>(() => Accounts.ListForSupportAsync(actor))).Reason.ShouldBe("NotAllowed", $"{role}");
    }

    [Fact]
    public async Task ASessionWhoseRoleChanged_SetsNothing()
    {
        var reseller = Unique("Res ");
        await CustomerAsync(reseller, null);
        var op = await UserAsync(Role.Operator, reseller);

        var refused = await Should.ThrowAsync<AccountRejectedException>(() =>
            Accounts.SetCredentialsAsync(op with { Role = Role.Supervisor }, Credentials(reseller, Unique("stale-"))));

        refused.Reason.ShouldBe("NotAllowed", "the cookie says Supervisor, the account says Operator");
        (await Store.FindAsync(ProxyAccountKind.Reseller, reseller)).ShouldNotBeNull().HasCredentials.ShouldBeFalse();
    }

    [Fact]
    public async Task AUserNameAnotherAccountHas_IsRefusedWhateverItsCase_AndNothingChanges()
    {
        var (first, second) = (Unique("Res "), Unique("Dis "));
        await CustomerAsync(first, second);
        var supervisor = await UserAsync(Role.Supervisor, first, second);
        var userName = Unique("Shared-");
        await Accounts.SetCredentialsAsync(supervisor, Credentials(first, userName));

        var taken = await Should.ThrowAsync<AccountRejectedException>(() =>
            Accounts.SetCredentialsAsync(supervisor, Credentials(second, userName.ToUpperInvariant(), owner: ProxyAccountOwner.Distributor)));

        taken.Reason.ShouldBe("ProxyUserNameTaken");
        (await Store.FindAsync(ProxyAccountKind.Distributor, second)).ShouldNotBeNull().HasCredentials.ShouldBeFalse();
        (await Store.FindByUserAsync(userName)).ShouldNotBeNull().Name.ShouldBe(first);
        // The account that has the name may keep it while its password changes.
        var again = await Accounts.SetCredentialsAsync(supervisor, Credentials(first, userName, "Other-Secret-2026", replace: true));
        again.UserName.ShouldBe(userName);
    }

    [Fact]
    public async Task ReplacingCredentials_MustBeAskedFor_SoNobodyOverwritesThemUnknowingly()
    {
        var reseller = Unique("Res ");
        await CustomerAsync(reseller, null);
        var (one, other) = (await UserAsync(Role.Supervisor, reseller), await UserAsync(Role.Operator, reseller));
        var first = Unique("first-");
        await Accounts.SetCredentialsAsync(one, Credentials(reseller, first));

        var refused = await Should.ThrowAsync<AccountRejectedException>(() => Accounts.SetCredentialsAsync(other, Credentials(reseller, Unique("second-"))));
        refused.Reason.ShouldBe("ProxyCredentialsAlreadySet");
        (await Store.FindAsync(ProxyAccountKind.Reseller, reseller)).ShouldNotBeNull().UserName.ShouldBe(first);

        var replaced = await Accounts.SetCredentialsAsync(other, Credentials(reseller, first, "Replaced-Secret-26", replace: true));
        replaced.SetBy.ShouldBe(other.Login);
        var hash = (await Store.FindAsync(ProxyAccountKind.Reseller, reseller)).ShouldNotBeNull().PasswordHash.ShouldNotBeNull();
        (ProxyPasswords.Verify(hash, "Replaced-Secret-26"), ProxyPasswords.Verify(hash, Password)).ShouldBe((true, false));
    }

    [Fact]
    public async Task InvalidInput_IsRefusedWithItsReason_AndTheCredentialsStayAsTheyWere()
    {
        var reseller = Unique("Res ");
        await CustomerAsync(reseller, null);
        var supervisor = await UserAsync(Role.Supervisor, reseller, "Nobody names this");
        var userName = Unique("kept-");
        await Accounts.SetCredentialsAsync(supervisor, Credentials(reseller, userName));
        (string User, string Password, string Reason)[] cases =
        [
            ("ab", Password, "ProxyUserNameLength"),
            (new string('a', 65), Password, "ProxyUserNameLength"),
            ("   ", Password, "ProxyUserNameLength"),
            ("user:name", Password, "ProxyUserNameInvalid"),
            ("-option", Password, "ProxyUserNameInvalid"),
            ("josé.support", Password, "ProxyUserNameInvalid"),
            ("two words", Password, "ProxyUserNameInvalid"),
            ("valid-user", "Short-1", "ProxyPasswordTooShort"),
            ("valid-user", "", "ProxyPasswordTooShort"),
            ("valid-user", "Aa1-" + new string('x', 125), "ProxyPasswordTooLong"),
            ("valid-user", "Proxy Secret 2026", "ProxyPasswordInvalid"),
            ("valid-user", "Proxy-Sécret-2026", "ProxyPasswordInvalid"),
            ("valid-user", "Proxy-Secret\t2026", "ProxyPasswordInvalid"),
            ("valid-user", "onlylowercaseletters", "PasswordTooSimple"),
        ];

        foreach (var (user, password, reason) in cases)
        {
            var refused = await Should.ThrowAsync<AccountRejectedException>(() =>
                Accounts.SetCredentialsAsync(supervisor, Credentials(reseller, user, password, replace: true)));
            refused.Reason.ShouldBe(reason, $"user name '{user}', password '{password}'");
        }
        var unknown = await Should.ThrowAsync<AccountRejectedException>(() =>
            Accounts.SetCredentialsAsync(supervisor, Credentials(reseller, "valid-user", owner: ProxyAccountOwner.Distributor)));
        unknown.Reason.ShouldBe("ProxyAccountUnknown", "no customer names it as a distributor");
        (await Should.ThrowAsync<AccountRejectedException>(() => Accounts.SetCredentialsAsync(supervisor, Credentials("Nobody names this", "valid-user"))))
            .Reason.ShouldBe("ProxyAccountUnknown", "a label no customer names has no account");
        (await Store.FindAsync(ProxyAccountKind.Distributor, reseller)).ShouldBeNull("a refused change creates no account");
        var stored = (await Store.FindAsync(ProxyAccountKind.Reseller, reseller)).ShouldNotBeNull();
        stored.UserName.ShouldBe(userName);
        ProxyPasswords.Verify(stored.PasswordHash!, Password).ShouldBeTrue("the old password still works");
    }

    [Fact]
    public async Task CreatingAndEditingCustomers_CreatesTheAccountsTheyName_OncePerName_KeepingCredentials()
    {
        var (reseller, distributor, later) = (Unique("Res "), Unique("Dis "), Unique("Dis "));
        var customer = await CustomerAsync(reseller, null);
        var found = (await Store.FindAsync(ProxyAccountKind.Reseller, reseller)).ShouldNotBeNull("creating the customer creates its reseller's account");
        found.HasCredentials.ShouldBeFalse();
        (await Store.FindAsync(ProxyAccountKind.Distributor, reseller)).ShouldBeNull("a reseller's name makes no distributor account");
        var supervisor = await UserAsync(Role.Supervisor, reseller, distributor, later);
        await Accounts.SetCredentialsAsync(supervisor, Credentials(reseller, Unique("res-")));

        await CustomerAsync($" {reseller.ToLowerInvariant()} ", distributor);
        await AdminOf(customer.Id).UpdateAsync(Admin, new CustomerEdit(customer with { Distributor = later }, null));

        // Checked in the table before any listing, which would also make missing accounts.
        (await Store.FindAsync(ProxyAccountKind.Distributor, distributor)).ShouldNotBeNull("creating a customer creates its distributor's account");
        (await Store.FindAsync(ProxyAccountKind.Distributor, later)).ShouldNotBeNull("editing a customer creates its new distributor's account");
        var listed = await Accounts.ListAsync(supervisor);
        listed.Select(a => (a.Owner, a.Name, a.HasCredentials)).ShouldBe(
            [(ProxyAccountOwner.Reseller, reseller, true), (ProxyAccountOwner.Distributor, distributor, false), (ProxyAccountOwner.Distributor, later, false)],
            ignoreOrder: true);
    }

    [Fact]
    public async Task AnAccountACustomerNamesButThatIsMissing_IsCreatedWhenAMatchingUserLooks()
    {
        var (reseller, distributor) = (Unique("Res "), Unique("Dis "));
        await CustomerAsync(reseller, distributor);
        // As for a customer saved before accounts were made on save, or while the database refused.
        await using (var dataSource = cluster.Database.CreateDataSource())
        await using (var delete = dataSource.CreateCommand("DELETE FROM com_proxy_accounts WHERE lower(name) IN (lower($1), lower($2))"))
        {
            delete.Parameters.Add(new Npgsql.NpgsqlParameter { Value = reseller });
            delete.Parameters.Add(new Npgsql.NpgsqlParameter { Value = distributor });
            (await delete.ExecuteNonQueryAsync()).ShouldBe(2);
        }
        var supervisor = await UserAsync(Role.Supervisor, reseller);

        // The customer's row reaches the directory a moment after its save.
        var listed = await Eventually.GetAsync(() => Accounts.ListAsync(supervisor), l => l.Length > 0, what: "the missing account to be made");

        listed.Select(a => (a.Owner, a.Name)).ShouldBe([(ProxyAccountOwner.Reseller, reseller)]);
        (await Store.FindAsync(ProxyAccountKind.Distributor, distributor)).ShouldBeNull("only the accounts of the user's labels are made");
        await Accounts.SetCredentialsAsync(supervisor, Credentials(reseller, Unique("late-")));
    }
}
