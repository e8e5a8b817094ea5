using Com.Grains.Customers;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;

namespace Com.Tests.Grains.Customers;

/// <summary>One "monitor only" rule: whatever the connectivity light calls Legacy is offered no action, and the reverse.</summary>
[Trait("Category", "Unit")]
public sealed class MonitorOnlyTests
{
    private static readonly RemoteOperationFlags Everything = new(true, true, true, true, true, true, true);

    private static NetworkReport Network(SystemProfile profile, string version) =>
        new("PBX", profile, version, [new ServerInfo("primary", ServerRole.Primary, "10.0.0.1", profile, version, true)], Everything, []);

    private static CustomerSummary Listed(NetworkReport network, Connectivity connectivity) =>
        new("c", "C", network.SystemName, connectivity, network.Profile, network.Version, 1, 0, null, null, Flags: network.Flags);

    [Theory]
    [InlineData(SystemProfile.ServerEdition, "11.0.4.8", true)]
    [InlineData(SystemProfile.ServerEdition, "11.1.0.9", true)]
    [InlineData(SystemProfile.Ip500V2, "10.1", true)]
    [InlineData(SystemProfile.Legacy, "12.1.0.0", true)]
    [InlineData(SystemProfile.ServerEdition, "11.1.1.0", false)]
    [InlineData(SystemProfile.ServerEdition, "12.1.0.0", false)]
    [InlineData(SystemProfile.Ip500V2, "not a version", false)]
    public void TheLegacyLight_AndTheActionMenu_AgreeOnWhichSystemsAreMonitorOnly(SystemProfile profile, string version, bool monitorOnly)
    {
        var network = Network(profile, version);
        var connectivity = ConnectivityRules.OfLiveLink(network, ServiceAccountReport.Healthy, DateTimeOffset.UnixEpoch);

        (connectivity.Code == ConnectivityCode.Legacy).ShouldBe(monitorOnly, $"light of {profile} {version}: {connectivity.Code}");
        foreach (var action in Enum.GetValues<CustomerAction>())
            CustomerActions.IsOffered(action, Role.Administrator, [Listed(network, connectivity)])
                .ShouldBe(!monitorOnly, $"{action} on {profile} {version}, shown as {connectivity.Code}");
    }

    [Fact]
    public void AServerEditionOlderThan11_1_1_IsOfferedNoAction_EvenWhileOffline()
    {
        var offline = new Connectivity(TrafficLight.Red, ConnectivityCode.Offline, DateTimeOffset.UnixEpoch);

        CustomerActions.IsOffered(CustomerAction.ResendSubscriptionMail, Role.Administrator, [Listed(Network(SystemProfile.ServerEdition, "11.0.4.8"), offline)])
            .ShouldBeFalse("a system older than 11.1.1 is monitored only, whatever profile it reports");
    }
}
