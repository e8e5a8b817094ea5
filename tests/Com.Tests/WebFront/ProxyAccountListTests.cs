using Com.Grains.Interfaces.RemoteSupport;
using Com.WebFront.Lists;
using Com.WebFront.RemoteSupport;

namespace Com.Tests.WebFront;

/// <summary>The maintenance proxy account list's rules (SPEC RS-1, and CUST-2's list conventions) and its input rules.</summary>
[Trait("Category", "Unit")]
public sealed class ProxyAccountListTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static readonly ProxyAccountView[] Accounts =
    [
        new(ProxyAccountOwner.Distributor, "Globex", "globex-support", "sup1", Noon),
        new(ProxyAccountOwner.Reseller, "acme", null, null, null),
        new(ProxyAccountOwner.Reseller, "Initech", "initech", "op2", Noon.AddHours(1)),
        new(ProxyAccountOwner.Distributor, "Acme", null, null, null),
    ];

    private static string[] Names(ProxyAccountFilter filter) =>
        [.. ProxyAccountQuery.Apply(Accounts, filter).Rows.Select(a => $"{a.Owner.ToString()[0]} {a.Name}")];

    [Fact]
    public void Unsorted_ListsResellersThenDistributors_ByNameWithoutCase() =>
        Names(new()).ShouldBe(["R acme", "R Initech", "D Acme", "D Globex"]);

    [Fact]
    public void SortingAColumn_CyclesDescendingAscendingUnsorted()
    {
        var first = ListSorting.Next<ProxyAccountSort>(null, ProxyAccountSort.SetAt).ShouldNotBeNull();
        Names(new(Sort: first.Column, Descending: first.Descending)).ShouldBe(["R Initech", "D Globex", "R acme", "D Acme"], "newest first, then never set");
        var second = ListSorting.Next(first, ProxyAccountSort.SetAt).ShouldNotBeNull();
        Names(new(Sort: second.Column, Descending: second.Descending)).Take(2).ShouldBe(["R acme", "D Acme"], "ascending: never set first");
        ListSorting.Next(second, ProxyAccountSort.SetAt).ShouldBeNull();
    }

    [Fact]
    public void FilterAndSearch_Combine_AndTheTotalCountsEveryMatchNotOnlyThePage()
    {
        Names(new(Owner: ProxyAccountOwner.Reseller, HasCredentials: false)).ShouldBe(["R acme"]);
        Names(new(Search: " ACME ")).ShouldBe(["R acme", "D Acme"]);
        Names(new(Search: "op2")).ShouldBe(["R Initech"], "who set the credentials is searched too");
        var page = ProxyAccountQuery.Apply(Accounts, new(PageSize: 3, Page: 1));
        (page.Total, page.Rows.Length).ShouldBe((4, 1));
    }

    [Theory]
    [InlineData("ab", "ProxyUserNameLength")]
    [InlineData("abc", null)]
    [InlineData("Acme.Support_2-x", null)]
    [InlineData("user:name", "ProxyUserNameInvalid")]
    [InlineData(".hidden", "ProxyUserNameInvalid")]
    [InlineData("naïve", "ProxyUserNameInvalid")]
    public void UserNames_FollowTheRules(string userName, string? reason) => ProxyAccountRules.CheckUserName(userName).ShouldBe(reason);

    [Theory]
    [InlineData("Proxy-Secret-26", null)]
    [InlineData("proxysecret26", null)]
    [InlineData("Pass:word:1234", null)]
    [InlineData("Short-1", "ProxyPasswordTooShort")]
    [InlineData("proxy secret 26", "ProxyPasswordInvalid")]
    [InlineData("Proxy-Secret-26€", "ProxyPasswordInvalid")]
    [InlineData("aaaaaaaaaaaaaaaa", "PasswordTooSimple")]
    public void Passwords_FollowTheRules(string password, string? reason) => ProxyAccountRules.CheckPassword(password).ShouldBe(reason);
}
