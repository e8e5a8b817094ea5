using Com.Grains.Interfaces.Alarms;
using Com.Grains.Interfaces.Customers;
using Com.Overview.Customers;

namespace Com.Tests.WebFront;

/// <summary>The list query: filter, search, sort and page combine, and a bad query says what is wrong.</summary>
[Trait("Category", "Unit")]
public sealed class CustomerQueryTests
{
    private static CustomerSummary Row(string id, string name, TrafficLight light, int alarms = 0, string? reseller = null) => new(
        id, name, $"PBX {name}", new Connectivity(light, ConnectivityCode.Connected, DateTimeOffset.UnixEpoch),
        SystemProfile.Unknown, "12.1.0.0", 2, 0, reseller, null, Alarms: new AlarmTally([alarms, 0, 0, 0], new int[6], 0));

    private static readonly CustomerSummary[] Fleet =
    [
        Row("a1", "Bakery Dupont", TrafficLight.Green, 2, "North Telecom"),
        Row("b2", "bakery martin", TrafficLight.Red, 5),
        Row("c3", "Garage Leroy", TrafficLight.Green, 1, "North Telecom"),
        Row("d4", "Bakery Zola", TrafficLight.Green, 0),
        Row("e5", "Hotel Lune", TrafficLight.Orange, 9),
    ];

    [Fact]
    public void FilterSearchSortAndPage_Combine()
    {
        var page = new CustomerQuery(Search: "bakery", Light: TrafficLight.Green, Sort: CustomerSort.Alarms, Descending: true, PageSize: 1).Run(Fleet);

        page.Total.ShouldBe(2);
        page.Rows.Select(r => r.Id).ShouldBe(["a1"]);
        new CustomerQuery(Search: "bakery", Light: TrafficLight.Green, Sort: CustomerSort.Alarms, Descending: true, Page: 1, PageSize: 1)
            .Run(Fleet).Rows.Select(r => r.Id).ShouldBe(["d4"]);
    }

    [Fact]
    public void Search_LooksInEveryTextColumn_IgnoringCase()
    {
        new CustomerQuery(Search: "north telecom").Run(Fleet).Rows.Select(r => r.Id).ShouldBe(["a1", "c3"]);
        new CustomerQuery(Search: "E5").Run(Fleet).Rows.Select(r => r.Id).ShouldBe(["e5"]);
        new CustomerQuery(Search: "PBX Garage").Run(Fleet).Rows.Select(r => r.Id).ShouldBe(["c3"]);
    }

    [Fact]
    public void NameSort_IgnoresCase_AndTiesAreStable()
    {
        new CustomerQuery().Run(Fleet).Rows.Select(r => r.Id).ShouldBe(["a1", "b2", "d4", "c3", "e5"]);
        new CustomerQuery(Sort: CustomerSort.Connectivity).Run(Fleet).Rows.Select(r => r.Id).ShouldBe(["b2", "e5", "a1", "d4", "c3"]);
    }

    [Fact]
    public void PanelFilter_CombinesWithSearch_AndSearchCoversTagsNotesAndAssignedUsers()
    {
        CustomerSummary[] fleet =
        [
            Fleet[0] with { Tags = ["VIP"], Profile = SystemProfile.ServerEdition, Version = "11.1.3" },
            Fleet[2] with { Tags = ["vip", "Hotel"], Notes = "call the night desk", Profile = SystemProfile.ServerEdition, Version = "9.1.0" },
            Fleet[3] with { AssignedOperators = ["jdoe"], Tags = ["VIP"], Profile = SystemProfile.Ip500V2 },
        ];
        var vip = new CustomerFilter(Tag: "Vip", Profile: SystemProfile.ServerEdition);

        new CustomerQuery(Filter: vip).Run(fleet).Rows.Select(r => r.Id).ShouldBe(["a1", "c3"]);
        new CustomerQuery(Filter: vip, Search: "NIGHT").Run(fleet).Rows.Select(r => r.Id).ShouldBe(["c3"]);
        new CustomerQuery(Filter: vip, Sort: CustomerSort.Version).Run(fleet).Rows.Select(r => r.Id).ShouldBe(["c3", "a1"], "9.1 comes before 11.1");
        new CustomerQuery(Search: "jdoe").Run(fleet).Rows.Select(r => r.Id).ShouldBe(["d4"]);
        new CustomerQuery(Filter: new CustomerFilter(WithAlarms: true)).Run(fleet).Rows.Select(r => r.Id).ShouldBe(["a1", "c3"]);
    }

    [Fact]
    public void VersionSort_PutsNumberedVersionsFirst_InNumericOrder_ThenTheRestAsText()
    {
        CustomerSummary[] fleet = [Fleet[0] with { Version = "1x" }, Fleet[1] with { Version = "10.0" }, Fleet[2] with { Version = "2.0" }, Fleet[3] with { Version = null }];

        new CustomerQuery(Sort: CustomerSort.Version).Run(fleet).Rows.Select(r => r.Version).ShouldBe(["2.0", "10.0", null, "1x"]);
    }

    [Theory]
    [InlineData(-1, 50, "page")]
    [InlineData(0, 501, "page size")]
    public void BadPaging_IsNamed(int pageNumber, int size, string named) =>
        new CustomerQuery(Page: pageNumber, PageSize: size).Problem().ShouldNotBeNull().ShouldStartWith(named);

    [Fact]
    public void OverlongSearch_IsRefused() =>
        new CustomerQuery(Search: new string('x', 101)).Problem().ShouldNotBeNull();
}
