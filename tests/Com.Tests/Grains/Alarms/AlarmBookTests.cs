using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Alarms;

/// <summary>SPEC ALRM-2/3/4 as the customer grain and the alarm list enforce them, whoever calls.</summary>
[Collection(SharedGrainCluster.Name)]
[Trait("Category", "Cluster")]
public sealed class AlarmBookTests(PostgresCluster cluster)
{
    private const string Password = "Pbx-Secret-4";
    private const string UserPassword = "Alarm-Tests-26";
    private static readonly Actor Admin = new("root", Role.Administrator);
    private static readonly AlarmKey TrunkDown = new("primary", AlarmCategory.Trunk, "SIP trunk 3 out of service");
    private static readonly AlarmKey DiskFull = new("secondary", AlarmCategory.Services, "Disk 95 % full");

    private readonly AlwaysOpenLink link = new();

    private IAlarmListGrain List => cluster.Grains.GetGrain<IAlarmListGrain>(0);

    private ICustomerLinkGrain LinkOf(string id) => cluster.Grains.GetGrain<ICustomerLinkGrain>(CustomerIds.GrainKey(id));

    private ICustomerAdministrationGrain AdminOf(string id) => cluster.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id));

    private ICustomerAlarmsGrain AlarmsOf(string id) => cluster.Grains.GetGrain<ICustomerAlarmsGrain>(CustomerIds.GrainKey(id));

    private async Task<(string Id, Guid Link)> LinkedCustomerAsync(string? reseller = null)
    {
        var id = $"alm{Guid.NewGuid():N}"[..16];
        await AdminOf(id).ProvisionAsync(new NewCustomer(new CustomerRecord(id, $"Alarm test {id}", "COMAdmin", reseller, null, null, null), Password));
        var linkId = Guid.NewGuid();
        var network = new NetworkReport("PBX", SystemProfile.ServerEdition, "12.1",
            [new ServerInfo("primary", ServerRole.Primary, "10.0.0.1", SystemProfile.ServerEdition, "12.1", true)], RemoteOperationFlags.None, []);
        var reference = cluster.Cluster.Client.CreateObjectReference<IDeviceLink>(link);
        var verdict = await LinkOf(id).ConnectAsync(new LinkHello(linkId, "COMAdmin", Password, ServerRole.Primary, network, ServiceAccountReport.Healthy), reference);
        verdict.Accepted.ShouldBeTrue(verdict.RefusalReason);
        return (id, linkId);
    }

    private async Task<Actor> UserAsync(Role role, params string[] labels)
    {
        var root = cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(Admin.Login));
        if (!await root.ExistsAsync())
            await root.CreateAsync(Admin.Login, Role.Administrator, "Root-Password-1");
        if (role == Role.Administrator)
            return Admin;
        var login = $"{role.ToString()[..3].ToLowerInvariant()}{Guid.NewGuid():N}"[..15];
        var details = new AccountDetails(role, Labels: Permissions.HasLabels(role) ? labels : null);
        await cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).CreateAsync(Admin, login, details, UserPassword);
        return new Actor(login, role);
    }

    private Task<AlarmListPage> RowsOfAsync(string id) => List.QueryAsync(new AlarmListQuery(Customers: [id]));

    [Fact]
    public async Task SameAlarmRaisedAgainAfterAClear_IsOneRow_WithTwoOccurrences_AndAResendChangesNothing()
    {
        var (id, linkId) = await LinkedCustomerAsync();

        (await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(TrunkDown, AlarmSeverity.Major, true))).ShouldBeTrue();
        (await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(TrunkDown, AlarmSeverity.Major, true))).ShouldBeTrue("a resend is acknowledged");
        var first = (await RowsOfAsync(id)).Rows.ShouldHaveSingleItem();
        first.Occurrences.ShouldBe(1, "raising an ongoing alarm again is a resend, not an occurrence");
        first.Ongoing.ShouldBeTrue();

        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(TrunkDown, AlarmSeverity.Major, false));
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(TrunkDown, AlarmSeverity.Critical, true));

        var row = (await RowsOfAsync(id)).Rows.ShouldHaveSingleItem();
        row.Occurrences.ShouldBe(2);
        row.Severity.ShouldBe(AlarmSeverity.Critical, "the newest occurrence sets the severity");
        row.FirstAt.ShouldBe(first.FirstAt);
        row.LastAt.ShouldBeGreaterThan(first.LastAt);
        var summary = (await AdminOf(id).GetSummaryAsync()).ShouldNotBeNull();
        summary.OngoingAlarms.ShouldBe(1);
        summary.AlarmCounts.Of(AlarmSeverity.Critical).ShouldBe(1);
        summary.AlarmCounts.Of(AlarmCategory.Trunk).ShouldBe(1);
    }

    [Fact]
    public async Task ClearingSelectedAlarms_KeepsTheOngoingOnes_AndClearingAllOfAType_TakesOnlyThatType()
    {
        var (id, linkId) = await LinkedCustomerAsync();
        var admin = await UserAsync(Role.Administrator);
        var cleared = new AlarmKey("primary", AlarmCategory.Trunk, "SIP trunk 4 out of service");
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(TrunkDown, AlarmSeverity.Major, true));
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(cleared, AlarmSeverity.Minor, true));
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(cleared, AlarmSeverity.Minor, false));
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(DiskFull, AlarmSeverity.Warning, true));
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(DiskFull, AlarmSeverity.Warning, false));

        var result = await AlarmsOf(id).ClearAlarmsAsync(admin, [TrunkDown, cleared]);

        result.ShouldBe(new AlarmClearResult(1, 1));
        (await RowsOfAsync(id)).Rows.Select(r => r.Key).ShouldBe([DiskFull, TrunkDown], ignoreOrder: true);

        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(TrunkDown, AlarmSeverity.Major, false));
        (await AlarmsOf(id).ClearAlarmTypeAsync(admin, AlarmCategory.Trunk)).ShouldBe(new AlarmClearResult(1, 0));
        (await RowsOfAsync(id)).Rows.ShouldHaveSingleItem().Key.ShouldBe(DiskFull, "another type stays");
        (await AdminOf(id).GetSummaryAsync())!.AlarmCounts.Total.ShouldBe(1);
    }

    [Fact]
    public async Task ReadOnlyUsers_AndOperatorsWhoDoNotSeeTheCustomer_CannotClear_AndNothingChanges()
    {
        var (id, linkId) = await LinkedCustomerAsync(reseller: "Reseller North");
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(DiskFull, AlarmSeverity.Warning, true));
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(DiskFull, AlarmSeverity.Warning, false));
        var readOnly = await UserAsync(Role.ReadOnly, "Reseller North");
        var stranger = await UserAsync(Role.Operator, "Reseller South");
        var support = await UserAsync(Role.Support);

        await Should.ThrowAsync<AccountRejectedException>(() => AlarmsOf(id).ClearAlarmsAsync(readOnly, [DiskFull]));
        await Should.ThrowAsync<AccountRejectedException>(() => AlarmsOf(id).ClearAlarmsAsync(stranger, [DiskFull]));
        await Should.ThrowAsync<AccountRejectedException>(() => AlarmsOf(id).ClearAlarmTypeAsync(support, AlarmCategory.Services));
        await Should.ThrowAsync<AccountRejectedException>(() => AlarmsOf(id).ClearAlarmsAsync(new Actor(readOnly.Login, Role.Administrator), [DiskFull]));
        (await RowsOfAsync(id)).Rows.ShouldHaveSingleItem();

        var own = await UserAsync(Role.Operator, "reseller north");
        (await AlarmsOf(id).ClearAlarmsAsync(own, [DiskFull])).Cleared.ShouldBe(1, "labels match whatever their case");
    }

    [Fact]
    public async Task AlarmsSurviveTheCustomerGrainsDeactivation()
    {
        var (id, linkId) = await LinkedCustomerAsync();
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(TrunkDown, AlarmSeverity.Major, true));

        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Eventually.TrueAsync(async () => await management.GetActivationAddress(AdminOf(id)) is null, TimeSpan.FromSeconds(30),
            "the customer grain to be deactivated");

        var summary = (await AdminOf(id).GetSummaryAsync()).ShouldNotBeNull();
        summary.OngoingAlarms.ShouldBe(1);
        summary.AlarmCounts.Of(AlarmCategory.Trunk).ShouldBe(1);
    }

    [Fact]
    public async Task AReportOnAReplacedLink_IsNotStored()
    {
        var (id, _) = await LinkedCustomerAsync();

        (await LinkOf(id).ReportAlarmAsync(Guid.NewGuid(), new AlarmReport(TrunkDown, AlarmSeverity.Major, true))).ShouldBeFalse();

        (await RowsOfAsync(id)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task TheList_FiltersSearchesSortsAndPages_WithCountsOverTheScopeAndSearch()
    {
        var (a, linkA) = await LinkedCustomerAsync();
        var (b, linkB) = await LinkedCustomerAsync();
        for (var i = 0; i < 7; i++)
            await LinkOf(a).ReportAlarmAsync(linkA, new AlarmReport(new AlarmKey("primary", AlarmCategory.Link, $"Link {i} lost"), AlarmSeverity.Minor, true));
        await LinkOf(a).ReportAlarmAsync(linkA, new AlarmReport(TrunkDown, AlarmSeverity.Critical, true));
        await LinkOf(b).ReportAlarmAsync(linkB, new AlarmReport(DiskFull, AlarmSeverity.Warning, true));
        string[] scope = [a, b];

        var all = await List.QueryAsync(new AlarmListQuery(scope, PageSize: 5));
        all.Total.ShouldBe(9);
        all.Rows.Length.ShouldBe(5);
        all.BySeverity.ShouldBe([1, 0, 7, 1]);
        all.ByCategory[(int)AlarmCategory.Link].ShouldBe(7);

        var second = await List.QueryAsync(new AlarmListQuery(scope, Page: 1, PageSize: 5));
        second.Rows.Length.ShouldBe(4);
        second.Rows.Select(r => r.Key).Intersect(all.Rows.Select(r => r.Key)).ShouldBeEmpty("pages never overlap");

        var minor = await List.QueryAsync(new AlarmListQuery(scope, Severity: AlarmSeverity.Minor, Sort: AlarmSort.Description, Descending: false));
        minor.Total.ShouldBe(7);
        minor.Rows.Select(r => r.Key.Description).ShouldBe([.. Enumerable.Range(0, 7).Select(i => $"Link {i} lost")]);
        minor.BySeverity.ShouldBe([1, 0, 7, 1], "the summary counts ignore the severity filter");

        var searched = await List.QueryAsync(new AlarmListQuery(scope, Search: "TRUNK 3"));
        searched.Rows.ShouldHaveSingleItem().Key.ShouldBe(TrunkDown);
        var byName = await List.QueryAsync(new AlarmListQuery(scope, Search: "no such text", NameMatches: [b]));
        byName.Rows.ShouldHaveSingleItem().CustomerId.ShouldBe(b);
        var bySeverity = await List.QueryAsync(new AlarmListQuery(scope, Sort: AlarmSort.Severity, Descending: true));
        bySeverity.Rows[0].Severity.ShouldBe(AlarmSeverity.Critical);
        (await List.QueryAsync(new AlarmListQuery([b]))).Total.ShouldBe(1, "the scope limits what is counted and listed");
        (await List.QueryAsync(new AlarmListQuery([]))).Total.ShouldBe(0, "an empty scope sees nothing");
    }

    [Fact]
    public async Task MalformedQueries_AreRefusedWithTheirReason()
    {
        (await Should.ThrowAsync<ArgumentException>(() => List.QueryAsync(new AlarmListQuery(PageSize: 0)))).Message.ShouldContain("page size");
        (await Should.ThrowAsync<ArgumentException>(() => List.QueryAsync(new AlarmListQuery(Search: new string('x', 101))))).Message.ShouldContain("search");
        (await Should.ThrowAsync<ArgumentException>(() => List.QueryAsync(new AlarmListQuery(Sort: (AlarmSort)99)))).Message.ShouldContain("sort");
    }

    [Fact]
    public async Task AtTheBound_ANewAlarmReplacesTheEndedOneSeenLongestAgo_AndOngoingOnesAreNeverDropped()
    {
        var (id, linkId) = await LinkedCustomerAsync();
        AlarmKey Key(int i) => new("primary", AlarmCategory.Services, $"Disk {i} failing");
        // The first one ends; all the others stay ongoing.
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(Key(0), AlarmSeverity.Minor, true));
        await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(Key(0), AlarmSeverity.Minor, false));
        for (var i = 1; i < 1000; i++)
            await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(Key(i), AlarmSeverity.Minor, true));
        (await RowsOfAsync(id)).Total.ShouldBe(1000);

        (await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(Key(1000), AlarmSeverity.Major, true))).ShouldBeTrue();
        var rows = await List.QueryAsync(new AlarmListQuery(Customers: [id], PageSize: 500, Search: "Disk 0 "));
        rows.Rows.ShouldBeEmpty("the ended alarm gave way");
        (await RowsOfAsync(id)).Total.ShouldBe(1000);

        (await LinkOf(id).ReportAlarmAsync(linkId, new AlarmReport(Key(1001), AlarmSeverity.Major, true))).ShouldBeTrue("acknowledged, so the system stops resending");
        (await RowsOfAsync(id)).Total.ShouldBe(1000, "every listed alarm is ongoing: none is dropped for the new one");
        (await AdminOf(id).GetSummaryAsync())!.AlarmCounts.Ongoing.ShouldBe(1000);
    }
}
