using Com.Grains.Interfaces.Accounts;

namespace Com.Tests.Accounts;

/// <summary>SPEC ROLE's table, copied here as the spec writes it, against the one class every check goes through.</summary>
[Trait("Category", "Unit")]
public sealed class PermissionMatrixTests
{
    // Columns: Administrator, Support, Supervisor, Operator, Read-only.
    private static readonly (Capability Capability, string Row)[] Table =
    [
        (Capability.Monitor,                "✓ ✓ ✓ ✓ ✓"),
        (Capability.RemoteSupportAddresses, "– – ✓ ✓ ✓"),
        (Capability.LaunchApplication,      "✓ – – ✓ –"),
        (Capability.Backup,                 "✓ – ✓ ✓ –"),
        (Capability.Restore,                "✓ – ✓ – –"),
        (Capability.Upgrade,                "✓ ✓ ✓ ✓ –"),
        (Capability.AddOrDeleteCustomers,   "✓ – – ✓ –"),
        (Capability.EditCustomers,          "✓ – ✓ – –"),
        (Capability.LogManagement,          "✓ ✓ ✓ ✓ –"),
        (Capability.RefreshCustomFiles,     "✓ ✓ ✓ ✓ –"),
        (Capability.ManageCustomFiles,      "✓ – – – –"),
        (Capability.ResendSubscriptionMail, "✓ ✓ ✓ ✓ –"),
        (Capability.ServerSettings,         "✓ – – – –"),
        (Capability.ManageAllAccounts,      "✓ – – – –"),
        (Capability.ManageOwnOperators,     "– – ✓ – –"),
        // Not in SPEC's table: clearing alarms goes with acting on systems (ADR 9), never to Support or Read-only.
        (Capability.ClearAlarms,            "✓ – ✓ ✓ –"),
        // Not in SPEC's table: RS-1 gives proxy credentials to Supervisors and Operators whose labels match.
        (Capability.ManageProxyAccounts,    "– – ✓ ✓ –"),
        // SPEC RS-6: tunnel sessions are visible to admins, and only they end them.
        (Capability.TunnelSessions,         "✓ – – – –"),
    ];

    private static readonly Role[] Columns = [Role.Administrator, Role.Support, Role.Supervisor, Role.Operator, Role.ReadOnly];

    public static TheoryData<Capability, Role, bool> Cells()
    {
        var cells = new TheoryData<Capability, Role, bool>();
        foreach (var (capability, row) in Table)
        {
            var marks = row.Split(' ');
            for (var i = 0; i < Columns.Length; i++)
                cells.Add(capability, Columns[i], marks[i] == "✓");
        }
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void EveryCellOfTheTable_IsWhatPermissionsAnswer(Capability capability, Role role, bool allowed) =>
        Permissions.Allows(role, capability).ShouldBe(allowed, $"{role} / {capability}");

    [Fact]
    public void TheTable_CoversEveryCapability() =>
        Table.Select(r => r.Capability).Order().ShouldBe(Enum.GetValues<Capability>().Order());

    [Theory]
    [InlineData(Role.Administrator, true)]
    [InlineData(Role.Support, true)]
    [InlineData(Role.Supervisor, false)]
    [InlineData(Role.Operator, false)]
    [InlineData(Role.ReadOnly, false)]
    public void AllCustomers_AreSeenOnlyByAdministratorsAndSupport(Role role, bool all) => Permissions.SeesAllCustomers(role).ShouldBe(all);

    [Fact]
    public void Scope_OfAnOperator_IsTheCustomersWhoseResellerOrDistributorMatchesItsLabels()
    {
        var scope = CustomerScope.For(Role.Operator, "op", ["Acme "]);

        scope.Includes(Customer(reseller: "ACME", distributor: null)).ShouldBeTrue();
        scope.Includes(Customer(reseller: null, distributor: "acme")).ShouldBeTrue();
        scope.Includes(Customer(reseller: "Globex", distributor: "Initech")).ShouldBeFalse();
        CustomerScope.For(Role.Support, "sup", []).Includes(Customer("Globex", null)).ShouldBeTrue();
        CustomerScope.None.Includes(Customer("Acme", "Acme")).ShouldBeFalse();
    }

    [Fact]
    public void Scope_OfAnOperator_IncludesTheCustomersItWasAssignedToByHand()
    {
        var scope = CustomerScope.For(Role.Operator, "op", []);

        scope.Includes(Customer("Globex", null) with { AssignedOperators = ["other", "OP"] }).ShouldBeTrue();
        scope.Includes(Customer("Globex", null) with { AssignedOperators = ["other"] }).ShouldBeFalse();
        CustomerScope.None.Includes(Customer(null, null) with { AssignedOperators = [""] }).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Role.Administrator, "anyone", Role.Supervisor, true)]
    [InlineData(Role.Supervisor, "sup", Role.Operator, true)]
    [InlineData(Role.Supervisor, "other", Role.Operator, false)]
    [InlineData(Role.Supervisor, "sup", Role.ReadOnly, false)]
    [InlineData(Role.Operator, "sup", Role.Operator, false)]
    [InlineData(Role.Support, "sup", Role.ReadOnly, false)]
    public void ManagingAnAccount_FollowsUser3(Role actor, string createdBy, Role target, bool allowed) =>
        Permissions.MayManageAccount(actor, "sup", target, createdBy).ShouldBe(allowed);

    private static Com.Grains.Interfaces.Customers.CustomerSummary Customer(string? reseller, string? distributor) =>
        new("c1", "Customer", null, new(Com.Grains.Interfaces.Customers.TrafficLight.Green, Com.Grains.Interfaces.Customers.ConnectivityCode.Connected, DateTimeOffset.UnixEpoch),
            Com.Grains.Interfaces.Customers.SystemProfile.Unknown, null, 0, 0, reseller, distributor);
}
