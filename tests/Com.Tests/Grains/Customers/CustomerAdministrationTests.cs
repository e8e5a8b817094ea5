using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Preferences;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Customers;

/// <summary>SPEC CUST-3/CUST-4 and ROLE-3/USER-3 as the customer grain enforces them, whoever calls.</summary>
[Collection(SharedGrainCluster.Name)]
[Trait("Category", "Cluster")]
public sealed class CustomerAdministrationTests(PostgresCluster cluster)
{
    private const string Password = "Pbx-Secret-4";
    private const string UserPassword = "Admin-Tests-26";
    private static readonly Actor Admin = new("root", Role.Administrator);

    private sealed class OpenLink : AlwaysOpenLink
    {
        private readonly TaskCompletionSource<string> firstClose = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task CloseAsync(Guid linkId, string reason)
        {
            firstClose.TrySetResult(reason);
            return Task.CompletedTask;
        }

        /// <summary>The grain closes links without waiting for the device: the close arrives a moment later.</summary>
        public Task<string> ClosedReasonAsync() => Eventually.CompletesAsync(firstClose.Task, "the grain to close the device's link", TimeSpan.FromSeconds(10));
    }

    private ICustomerLinkGrain LinkOf(string id) => cluster.Grains.GetGrain<ICustomerLinkGrain>(CustomerIds.GrainKey(id));

    private ICustomerAdministrationGrain AdminOf(string id) => cluster.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id));

    private ICustomerAlarmsGrain AlarmsOf(string id) => cluster.Grains.GetGrain<ICustomerAlarmsGrain>(CustomerIds.GrainKey(id));

    private ICustomerDirectoryGrain Directory => cluster.Grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key);

    private static string NewId() => CustomerIds.Generate();

    /// <summary>Where the user grain looks for a deleted login's customers.</summary>
    private Com.Storage.Customers.CustomerRowStore AssignedRows => new(cluster.Database.CreateDataSource());

    /// <summary>Whether a new customer may take <paramref name="name"/>; when it may, one does.</summary>
    private async Task<bool> NameIsFreeAsync(string name)
    {
        var probe = NewId();
        try
        {
            await AdminOf(probe).CreateAsync(Admin, new NewCustomer(Record(probe, name), Password));
            return true;
        }
        catch (CustomerRejectedException rejected) when (rejected.Reason == "CustomerNameTaken")
        {
            return false;
        }
    }

    private static CustomerRecord Record(string id, string? name = null) =>
        new(id, name ?? $"Customer {id}", "COMAdmin", null, null, "Tech", "tech@example.com");

    private async Task<Actor> UserAsync(Role role, Actor? creator = null, params string[] labels)
    {
        var root = cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(Admin.Login));
        if (!await root.ExistsAsync())
            await root.CreateAsync(Admin.Login, Role.Administrator, "Root-Password-1");
        var login = $"{role.ToString()[..3].ToLowerInvariant()}{Guid.NewGuid():N}"[..15];
        var details = new AccountDetails(role, Labels: Permissions.HasLabels(role) ? labels : null);
        await cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).CreateAsync(creator ?? Admin, login, details, UserPassword);
        return new Actor(login, role);
    }

    private async Task<string> CreatedAsync(CustomerRecord? record = null)
    {
        await UserAsync(Role.ReadOnly);
        var id = record?.Id ?? NewId();
        await AdminOf(id).CreateAsync(Admin, new NewCustomer(record ?? Record(id), Password));
        return id;
    }

    private async Task<Guid> LinkAsync(string id, OpenLink link, string password = Password)
    {
        var linkId = Guid.NewGuid();
        var network = new NetworkReport("PBX", SystemProfile.ServerEdition, "12.1",
            [new ServerInfo("primary", ServerRole.Primary, "10.0.0.1", SystemProfile.ServerEdition, "12.1", true)], RemoteOperationFlags.None, []);
        var reference = cluster.Cluster.Client.CreateObjectReference<IDeviceLink>(link);
        await LinkOf(id).ConnectAsync(new LinkHello(linkId, "COMAdmin", password, ServerRole.Primary, network, ServiceAccountReport.Healthy), reference);
        return linkId;
    }

    [Fact]
    public async Task Create_StoresEveryField_AndRefusesATakenNameWhateverItsCase()
    {
        var id = NewId();
        var record = Record(id) with
        {
            Tags = ["Hotel ", "VIP"], Phone = "+33 1 23 45 67 89", Email = "desk@example.com", Address = "1 rue de la Paix, Paris",
            Notes = "<script>alert(1)</script>\nCall before noon",
        };
        await CreatedAsync(record);

        var details = (await AdminOf(id).GetDetailsAsync(Admin)).ShouldNotBeNull();
        details.Record.TagList.ShouldBe(["Hotel", "VIP"], "tags are trimmed");
        details.Record.Notes.ShouldBe("<script>alert(1)</script>\nCall before noon", "notes are kept as typed; pages show them as text");
        details.Summary.TagList.ShouldBe(["Hotel", "VIP"]);
        details.Summary.Connectivity.Code.ShouldBe(ConnectivityCode.AwaitingInitialConnection);

        var other = NewId();
        var taken = await Should.ThrowAsync<CustomerRejectedException>(() =>
            AdminOf(other).CreateAsync(Admin, new NewCustomer(Record(other, $"  CUSTOMER {id.ToUpperInvariant()} "), Password)));
        taken.Reason.ShouldBe("CustomerNameTaken");
        (await AdminOf(other).GetSummaryAsync()).ShouldBeNull("nothing was created");
    }

    [Theory]
    [InlineData("tags", "TooManyTags")]
    [InlineData("email", "EmailInvalid")]
    [InlineData("contact", "EmailInvalid")]
    [InlineData("phone", "CustomerPhoneInvalid")]
    [InlineData("name", "CustomerNameInvalid")]
    [InlineData("duplicate-tags", "TagInvalid")]
    [InlineData("password", "ServicePasswordInvalid")]
    public async Task InvalidInput_IsRefusedWithItsReason_AndCreatesNothing(string field, string reason)
    {
        var id = NewId();
        var record = field switch
        {
            "tags" => Record(id) with { Tags = ["a", "b", "c", "d", "e", "f"] },
            "email" => Record(id) with { Email = "not an address" },
            "contact" => Record(id) with { TechnicalContactEmail = "tech@" },
            "phone" => Record(id) with { Phone = "call me" },
            "name" => Record(id, "   "),
            "duplicate-tags" => Record(id) with { Tags = ["VIP", "vip"] },
            _ => Record(id),
        };
        await UserAsync(Role.ReadOnly);
        var refused = await Should.ThrowAsync<CustomerRejectedException>(() =>
            AdminOf(id).CreateAsync(Admin, new NewCustomer(record, field == "password" ? "" : Password)));

        refused.Reason.ShouldBe(reason);
        (await AdminOf(id).GetSummaryAsync()).ShouldBeNull();
        (await NameIsFreeAsync(record.Name.Trim() is { Length: > 0 } n ? n : "x" + id)).ShouldBeTrue("the name stayed free");
    }

    [Fact]
    public async Task OnlyAdministratorsAndOperatorsAdd_AndAnOperatorIsAssignedToWhatItAdds()
    {
        foreach (var role in new[] { Role.Supervisor, Role.ReadOnly, Role.Support })
        {
            var actor = await UserAsync(role);
            var id = NewId();
            await Should.ThrowAsync<AccountRejectedException>(() => AdminOf(id).CreateAsync(actor, new NewCustomer(Record(id), Password)));
        }

        var op = await UserAsync(Role.Operator);
        var mine = NewId();
        var summary = await AdminOf(mine).CreateAsync(op, new NewCustomer(Record(mine), Password));

        summary.OperatorList.ShouldBe([op.Login]);
        CustomerScope.For(op.Role, op.Login, []).Includes(summary).ShouldBeTrue();
        var other = await UserAsync(Role.Operator);
        var theirs = NewId();
        await Should.ThrowAsync<AccountRejectedException>(() =>
            AdminOf(theirs).CreateAsync(op, new NewCustomer(Record(theirs) with { AssignedOperators = [other.Login] }, Password)));
    }

    [Fact]
    public async Task Supervisors_AssignOnlyTheirOwnOperators_AndOnlyOnCustomersTheyWereAssignedByHand()
    {
        var supervisor = await UserAsync(Role.Supervisor, labels: "Acme");
        var ownOperator = await UserAsync(Role.Operator, supervisor);
        var foreignOperator = await UserAsync(Role.Operator);
        var id = await CreatedAsync(Record(NewId()) with { Reseller = "Acme" });
        var record = (await AdminOf(id).GetDetailsAsync(Admin))!.Record;

        // Seen through its label, not assigned by hand: it may edit the customer but not assign its Operators to it.
        await Should.ThrowAsync<AccountRejectedException>(() =>
            AdminOf(id).UpdateAsync(supervisor, new CustomerEdit(record with { AssignedOperators = [ownOperator.Login] }, null)));

        await AdminOf(id).UpdateAsync(Admin, new CustomerEdit(record with { AssignedOperators = [supervisor.Login] }, null));
        record = (await AdminOf(id).GetDetailsAsync(Admin))!.Record;
        await AdminOf(id).UpdateAsync(supervisor, new CustomerEdit(record with { AssignedOperators = [supervisor.Login, ownOperator.Login] }, null));
        await Should.ThrowAsync<AccountRejectedException>(() =>
            AdminOf(id).UpdateAsync(supervisor, new CustomerEdit(record with { AssignedOperators = [supervisor.Login, ownOperator.Login, foreignOperator.Login] }, null)));

        var summary = (await AdminOf(id).GetSummaryAsync())!;
        summary.OperatorList.ShouldBe([supervisor.Login, ownOperator.Login]);
        CustomerScope.For(Role.Operator, ownOperator.Login, []).Includes(summary).ShouldBeTrue("assigned by hand, without a matching label");
        CustomerScope.For(Role.Operator, foreignOperator.Login, []).Includes(summary).ShouldBeFalse();

        var unknown = await Should.ThrowAsync<CustomerRejectedException>(() =>
            AdminOf(id).UpdateAsync(Admin, new CustomerEdit(record with { AssignedOperators = ["nobody-here"] }, null)));
        unknown.Reason.ShouldBe("AssignedOperatorUnknown");
    }

    [Fact]
    public async Task Edit_RenamesAndFreesTheOldName_AndNewCredentialsEndTheLiveLink()
    {
        var id = await CreatedAsync();
        var link = new OpenLink();
        await LinkAsync(id, link);
        var record = (await AdminOf(id).GetDetailsAsync(Admin))!.Record;
        var readOnly = await UserAsync(Role.ReadOnly);
        await Should.ThrowAsync<AccountRejectedException>(() => AdminOf(id).UpdateAsync(readOnly, new CustomerEdit(record with { Name = "x" }, null)));

        var renamed = await AdminOf(id).UpdateAsync(Admin, new CustomerEdit(record with { Name = $"Renamed {id}", Notes = "moved" }, null));
        renamed.Name.ShouldBe($"Renamed {id}");
        renamed.Connectivity.Code.ShouldBe(ConnectivityCode.Connected, "a change of name keeps the link");
        (await NameIsFreeAsync(record.Name)).ShouldBeTrue("the old name is free");

        var reset = await AdminOf(id).UpdateAsync(Admin, new CustomerEdit((await AdminOf(id).GetDetailsAsync(Admin))!.Record, "New-Secret-5"));
        reset.Connectivity.Code.ShouldBe(ConnectivityCode.Offline);
        (await link.ClosedReasonAsync()).ShouldBe("authorisation-failed");
        (await AdminOf(id).TestConnectionAsync(Admin, "COMAdmin", null)).Outcome.ShouldBe(ConnectionTestOutcome.NoAttempt);
        await LinkAsync(id, link);
        (await AdminOf(id).GetSummaryAsync())!.Connectivity.Code.ShouldBe(ConnectivityCode.AuthorisationFailed, "the old password is refused now");
        await LinkAsync(id, link, "New-Secret-5");
        (await AdminOf(id).GetSummaryAsync())!.Connectivity.Code.ShouldBe(ConnectivityCode.Connected);
    }

    [Fact]
    public async Task CustomerId_ChangesOnlyWhenThePreferenceAllows_AndTakesItsAlarmsAlong()
    {
        var id = await CreatedAsync();
        var link = new OpenLink();
        var linkId = await LinkAsync(id, link);
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(new AlarmKey("primary", AlarmCategory.Trunk, "Trunk 1 down"), AlarmSeverity.Major, true));
        var record = (await AdminOf(id).GetDetailsAsync(Admin))!.Record;
        var newId = NewId();
        var preferences = cluster.Grains.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key);

        await preferences.SetAllowCustomerIdChangeAsync(false);
        (await Should.ThrowAsync<CustomerRejectedException>(() => AdminOf(id).UpdateAsync(Admin, new CustomerEdit(record with { Id = newId }, null))))
            .Reason.ShouldBe("CustomerIdChangeNotAllowed");
        (await Should.ThrowAsync<CustomerRejectedException>(() => AdminOf(id).UpdateAsync(Admin, new CustomerEdit(record with { Id = "Not-A-Label" }, null))))
            .Reason.ShouldBe("CustomerIdInvalid");

        await preferences.SetAllowCustomerIdChangeAsync(true);
        try
        {
            var moved = await AdminOf(id).UpdateAsync(Admin, new CustomerEdit(record with { Id = newId }, null));
            moved.Id.ShouldBe(newId);
            moved.Name.ShouldBe(record.Name);
            moved.Connectivity.Code.ShouldBe(ConnectivityCode.AwaitingInitialConnection, "the system still uses the old ID");
            moved.AlarmCounts.Total.ShouldBe(1);
            (await AdminOf(id).GetSummaryAsync()).ShouldBeNull();
            (await link.ClosedReasonAsync()).ShouldBe("unknown-customer", "the system must learn its ID is gone");
            await LinkAsync(newId, link);
            (await AdminOf(newId).GetSummaryAsync())!.Connectivity.Code.ShouldBe(ConnectivityCode.Connected, "the password moved along");
        }
        finally
        {
            await preferences.SetAllowCustomerIdChangeAsync(false);
        }
    }

    [Fact]
    public async Task Delete_RemovesTheCustomerItsAlarmsAndItsRow_AndFreesItsName()
    {
        var id = await CreatedAsync();
        var link = new OpenLink();
        var linkId = await LinkAsync(id, link);
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(new AlarmKey("primary", AlarmCategory.Link, "Lost"), AlarmSeverity.Minor, true));
        var name = (await AdminOf(id).GetSummaryAsync())!.Name;
        var supervisor = await UserAsync(Role.Supervisor);
        await Should.ThrowAsync<AccountRejectedException>(() => AdminOf(id).DeleteAsync(supervisor));

        await AdminOf(id).DeleteAsync(Admin);

        (await AdminOf(id).GetSummaryAsync()).ShouldBeNull();
        (await cluster.Grains.GetGrain<IAlarmListGrain>(0).QueryAsync(new AlarmListQuery(Customers: [id]))).Total.ShouldBe(0);
        (await link.ClosedReasonAsync()).ShouldBe("unknown-customer");
        await Eventually.TrueAsync(async () => await Directory.GetAsync(id) is null, TimeSpan.FromSeconds(10), "the deleted customer's row to leave the directory");
        var again = NewId();
        (await AdminOf(again).CreateAsync(Admin, new NewCustomer(Record(again, name), Password))).Name.ShouldBe(name);
    }

    [Fact]
    public async Task TestConnection_TellsWhetherASystemPresentedTheseCredentials_BeforeAndAfterSaving()
    {
        var id = NewId();
        await UserAsync(Role.ReadOnly);
        (await AdminOf(id).TestConnectionAsync(Admin, "COMAdmin", Password)).Outcome.ShouldBe(ConnectionTestOutcome.NoAttempt);

        var link = new OpenLink();
        await LinkAsync(id, link);
        (await AdminOf(id).TestConnectionAsync(Admin, "COMAdmin", Password)).Outcome.ShouldBe(ConnectionTestOutcome.CredentialsMatch);
        (await AdminOf(id).TestConnectionAsync(Admin, "comadmin", "Other-Password")).Outcome.ShouldBe(ConnectionTestOutcome.CredentialsDiffer);
        var readOnly = await UserAsync(Role.ReadOnly);
        await Should.ThrowAsync<AccountRejectedException>(() => AdminOf(id).TestConnectionAsync(readOnly, "COMAdmin", Password));

        await AdminOf(id).CreateAsync(Admin, new NewCustomer(Record(id), Password));
        await LinkAsync(id, link);
        (await AdminOf(id).TestConnectionAsync(Admin, "COMAdmin", null)).Outcome.ShouldBe(ConnectionTestOutcome.Connected);
    }

    [Fact]
    public async Task ResendSubscriptionMail_IsRefusedByTheGrain_ForReadOnly_WithoutAContact_AndWithoutAnSmtpServer()
    {
        var id = await CreatedAsync();
        var readOnly = await UserAsync(Role.ReadOnly);
        await Should.ThrowAsync<AccountRejectedException>(() => AdminOf(id).ResendSubscriptionMailAsync(readOnly));

        var record = (await AdminOf(id).GetDetailsAsync(Admin))!.Record;
        await AdminOf(id).UpdateAsync(Admin, new CustomerEdit(record with { TechnicalContactEmail = null }, null));
        (await Should.ThrowAsync<CustomerRejectedException>(() => AdminOf(id).ResendSubscriptionMailAsync(Admin))).Reason.ShouldBe("NoTechnicalContact");

        await AdminOf(id).UpdateAsync(Admin, new CustomerEdit(record, null));
        (await Should.ThrowAsync<CustomerRejectedException>(() => AdminOf(id).ResendSubscriptionMailAsync(Admin))).Reason.ShouldBe("SmtpNotConfigured");
    }

    [Fact]
    public async Task ADeletedAccountsLogin_LeavesItsCustomers_SoANewAccountOfThatLoginInheritsNothing()
    {
        var op = await UserAsync(Role.Operator);
        var id = await CreatedAsync();
        var record = (await AdminOf(id).GetDetailsAsync(Admin))!.Record;
        await AdminOf(id).UpdateAsync(Admin, new CustomerEdit(record with { AssignedOperators = [op.Login] }, null));
        await Eventually.TrueAsync(async () => (await AssignedRows.AssignedToAsync(op.Login)).Contains(id), TimeSpan.FromSeconds(10),
            "the stored directory row to list the assigned Operator");

        await cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(op.Login)).DeleteAsync(Admin);

        (await AdminOf(id).GetSummaryAsync())!.OperatorList.ShouldBeEmpty();
        await cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(op.Login)).CreateAsync(Admin, op.Login, new AccountDetails(Role.Operator), UserPassword);
        CustomerScope.For(Role.Operator, op.Login, []).Includes((await AdminOf(id).GetSummaryAsync())!).ShouldBeFalse();
    }

    [Fact]
    public async Task DeletingTwice_TellsTheDirectoryAgain_ButOnlyForThoseWhoMayDelete()
    {
        var id = await CreatedAsync();
        var row = (await AdminOf(id).GetSummaryAsync()).ShouldNotBeNull();
        await AdminOf(id).DeleteAsync(Admin);
        await Eventually.TrueAsync(async () => await Directory.GetAsync(id) is null, TimeSpan.FromSeconds(10), "the first delete to remove the row");
        // As when the silo died before the directory heard of the delete: the directory still shows the customer.
        await Directory.UpsertAsync(row);
        (await Directory.GetAsync(id)).ShouldNotBeNull("the stale row is back, as the second delete finds it");

        var readOnly = await UserAsync(Role.ReadOnly);
        await Should.ThrowAsync<AccountRejectedException>(() => AdminOf(id).DeleteAsync(readOnly));
        (await Directory.GetAsync(id)).ShouldNotBeNull("a refused delete tells nobody anything");
        await Should.NotThrowAsync(() => AdminOf(id).DeleteAsync(Admin));

        await Eventually.TrueAsync(async () => await Directory.GetAsync(id) is null, TimeSpan.FromSeconds(10),
            "the second delete to tell the directory again, removing the stale row");
        (await AdminOf(id).GetSummaryAsync()).ShouldBeNull();
    }
}
