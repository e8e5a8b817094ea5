using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;

namespace Com.Tests.Grains.Customers;

/// <summary>SPEC CUST-6: an action is offered only when the role and every selected system's type and flags allow it.</summary>
[Trait("Category", "Unit")]
public sealed class CustomerActionsTests
{
    private static readonly RemoteOperationFlags Everything = new(true, true, true, true, true, true, true);

    private static CustomerSummary System(SystemProfile profile, RemoteOperationFlags? flags) =>
        new("c", "C", null, new Connectivity(TrafficLight.Green, ConnectivityCode.Connected, DateTimeOffset.UnixEpoch), profile, "12.1", 1, 0, null, null, Flags: flags);

    [Theory]
    [InlineData(Role.Administrator, true)]
    [InlineData(Role.Support, true)]
    [InlineData(Role.Supervisor, true)]
    [InlineData(Role.Operator, true)]
    [InlineData(Role.ReadOnly, false)]
    public void ResendMail_FollowsTheRoleTable(Role role, bool offered) =>
        CustomerActions.IsOffered(CustomerAction.ResendSubscriptionMail, role, [System(SystemProfile.ServerEdition, Everything)]).ShouldBe(offered);

    [Fact]
    public void WebManager_OpensForOneCentrallyManagedSystem_ForRolesThatLaunchApplications()
    {
        var managed = System(SystemProfile.ServerEdition, Everything);
        CustomerActions.IsOffered(CustomerAction.LaunchApplication, Role.Operator, [managed]).ShouldBeTrue();
        CustomerActions.IsOffered(CustomerAction.LaunchApplication, Role.Supervisor, [managed]).ShouldBeFalse("the role table gives Supervisors no application launch");
        CustomerActions.IsOffered(CustomerAction.LaunchApplication, Role.Administrator, [managed, managed]).ShouldBeFalse("one tool, one system");
        CustomerActions.IsOffered(CustomerAction.LaunchApplication, Role.Administrator,
            [System(SystemProfile.ServerEdition, Everything with { CentralManagement = false })]).ShouldBeFalse("the relay needs central management");
    }

    [Fact]
    public void ALegacySystemInTheSelection_GreysEveryActionOut()
    {
        CustomerSummary[] selection = [System(SystemProfile.ServerEdition, Everything), System(SystemProfile.Legacy, Everything)];

        foreach (var action in Enum.GetValues<CustomerAction>())
            CustomerActions.IsOffered(action, Role.Administrator, selection).ShouldBeFalse(action.ToString());
    }

    [Fact]
    public void WithoutTheRemoteUpgradeBackupFlag_NoBackupRestoreOrUpgrade_ButTheMailStillGoes()
    {
        CustomerSummary[] selection = [System(SystemProfile.ServerEdition, Everything with { RemoteUpgradeBackup = false })];

        CustomerActions.IsOffered(CustomerAction.Backup, Role.Administrator, selection).ShouldBeFalse();
        CustomerActions.IsOffered(CustomerAction.Restore, Role.Administrator, selection).ShouldBeFalse();
        CustomerActions.IsOffered(CustomerAction.Upgrade, Role.Administrator, selection).ShouldBeFalse();
        CustomerActions.IsOffered(CustomerAction.ResendSubscriptionMail, Role.Administrator, selection).ShouldBeTrue();
        CustomerActions.IsOffered(CustomerAction.Backup, Role.Administrator, [System(SystemProfile.ServerEdition, Everything)]).ShouldBeTrue();
    }

    [Fact]
    public void NothingSelected_NothingOffered() =>
        CustomerActions.IsOffered(CustomerAction.ResendSubscriptionMail, Role.Administrator, []).ShouldBeFalse();
}
