using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;
using Com.WebFront.Dashboard;

namespace Com.Tests.WebFront;

[Trait("Category", "Unit")]
public sealed class DashboardFiguresTests
{
    private static CustomerSummary Customer(string id, TrafficLight light, string? version, AlarmTally? alarms = null) =>
        new(id, id, null, new Connectivity(light, ConnectivityCode.Connected, DateTimeOffset.UnixEpoch), SystemProfile.ServerEdition,
            version, 1, alarms?.Ongoing ?? 0, null, null, null, alarms);

    private static int Count(IEnumerable<DashboardSlice> slices, string key) => slices.Single(s => s.Key == key).Count;

    [Fact]
    public void Figures_CountCustomersByLight_AlarmsBySeverityAndType_AndVersions()
    {
        var trunkCritical = new AlarmTally([1, 0, 0, 0], [0, 1, 0, 0, 0, 0], 1);
        var twoMinor = new AlarmTally([0, 0, 2, 0], [0, 0, 1, 0, 1, 0], 0);
        var figures = DashboardFigures.Of([
            Customer("a", TrafficLight.Green, "12.1", trunkCritical),
            Customer("b", TrafficLight.Green, "12.1", twoMinor),
            Customer("c", TrafficLight.Red, "11.0"),
            Customer("d", TrafficLight.Orange, null),
        ]);

        figures.Customers.ShouldBe(4);
        Count(figures.Connectivity, "Green").ShouldBe(2);
        Count(figures.Connectivity, "Orange").ShouldBe(1);
        Count(figures.Connectivity, "Red").ShouldBe(1);
        Count(figures.Severities, "Critical").ShouldBe(1);
        Count(figures.Severities, "Minor").ShouldBe(2);
        Count(figures.Categories, "Trunk").ShouldBe(1);
        Count(figures.Categories, "Qos").ShouldBe(1);
        figures.Versions.ShouldBe([new DashboardSlice("12.1", 2), new DashboardSlice("11.0", 1)]);
    }

    [Fact]
    public void Versions_KeepTheMostCommonOnly_AndRowsWithoutATallyCountNoAlarms()
    {
        var customers = Enumerable.Range(0, 30).Select(i => Customer($"c{i}", TrafficLight.Green, $"v{i % 20}")).ToList();

        var figures = DashboardFigures.Of(customers);

        figures.Versions.Count.ShouldBe(DashboardFigures.MaxVersions);
        figures.Versions[0].Count.ShouldBe(2);
        figures.Severities.Sum(s => s.Count).ShouldBe(0);
    }

    [Fact]
    public void Tags_CountCustomersPerTag_WhateverTheirCase_MostCommonFirst()
    {
        var figures = DashboardFigures.Of([
            Customer("a", TrafficLight.Green, null) with { Tags = ["VIP", "Hotel"] },
            Customer("b", TrafficLight.Red, null) with { Tags = ["vip"] },
            Customer("c", TrafficLight.Red, null),
        ]);

        figures.TagSlices.Select(t => (t.Key, t.Count)).ShouldBe([("VIP", 2), ("Hotel", 1)]);
    }
}
