using Com.Silo.RemoteSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// The admin relay's ticket and cookie (SPEC RS-7): what they carry (a nonce to claim once, the time rights were last
/// checked), how long they last, and that nothing altered, expired or meant for another customer or purpose passes.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RelayPassesTests
{
    private const string Customer = "ab12cd34";
    private const string Stamp = "5f0c9e2a7d3b4c1e8a6f0b2d4c6e8a0f";

    // The data protector checks expiry against the real clock, so the fake one starts at the real now.
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly RelayPasses passes;

    public RelayPassesTests() => passes = new RelayPasses(new EphemeralDataProtectionProvider(), time);

    [Fact]
    public void ATicket_NamesItsUser_AndCarriesANonceOfItsOwn()
    {
        var issued = time.GetUtcNow();
        var first = passes.ReadTicket(passes.Ticket("alice", Customer, Stamp), Customer).ShouldNotBeNull("a fresh ticket reads back");
        var second = passes.ReadTicket(passes.Ticket("alice", Customer, Stamp), Customer).ShouldNotBeNull();

        first.Login.ShouldBe("alice");
        first.IssuedAt.ShouldBe(issued, TimeSpan.FromSeconds(1), "the ticket says when COM checked the user's rights");
        first.Expires.ShouldBe(issued + RelayPasses.TicketLifetime, TimeSpan.FromSeconds(1));
        first.Nonce.Length.ShouldBe(32, "128 random bits, in hex");
        first.Stamp.ShouldBe(Stamp, "the account's stamp at the hand-over, which a new password changes");
        second.Nonce.ShouldNotBe(first.Nonce, "two tickets for the same user and customer must be claimed apart");
    }

    [Fact]
    public void ATicket_IsRefused_AfterItsMinute_ForAnotherCustomer_OrAltered()
    {
        var ticket = passes.Ticket("alice", Customer, Stamp);

        passes.ReadTicket(ticket, "zz99yy88").ShouldBeNull("a ticket is for one customer only");
        passes.ReadTicket(Altered(ticket), Customer).ShouldBeNull("an altered ticket must not pass");
        passes.ReadTicket(ticket + "x", Customer).ShouldBeNull();
        passes.ReadSession(ticket, Customer).ShouldBeNull("a ticket is not a relay cookie");
        passes.ReadTicket(new string('a', 5000), Customer).ShouldBeNull();

        time.Advance(RelayPasses.TicketLifetime - TimeSpan.FromSeconds(1));
        passes.ReadTicket(ticket, Customer).ShouldNotBeNull("still within its minute");
        time.Advance(TimeSpan.FromSeconds(2));
        passes.ReadTicket(ticket, Customer).ShouldBeNull("a minute has passed");
    }

    [Fact]
    public void ACookie_CarriesWhenRightsWereChecked_AndARecheckKeepsItsEnd()
    {
        var checkedAt = time.GetUtcNow();
        var expires = checkedAt + TimeSpan.FromHours(8);
        var cookie = passes.Session("alice", Customer, checkedAt, expires, Stamp);
        var read = passes.ReadSession(cookie, Customer).ShouldNotBeNull();
        (read.Login, read.CheckedAt, read.Expires).ShouldBe(("alice", DateTimeOffset.FromUnixTimeMilliseconds(checkedAt.ToUnixTimeMilliseconds()), expires));

        time.Advance(TimeSpan.FromMinutes(7));
        var rechecked = passes.ReadSession(passes.Rechecked(read, Customer), Customer).ShouldNotBeNull();
        rechecked.CheckedAt.ShouldBe(time.GetUtcNow(), TimeSpan.FromMilliseconds(1), "the renewed cookie records the new check");
        rechecked.Expires.ShouldBe(expires, "a recheck must not stretch the session past its hours");
        (read.Stamp, rechecked.Stamp).ShouldBe((Stamp, Stamp), "a recheck keeps the stamp of the hand-over");

        time.Advance(TimeSpan.FromHours(8));
        passes.ReadSession(cookie, Customer).ShouldBeNull("the session has ended");
    }

    [Fact]
    public void ACookie_IsRefused_ForAnotherCustomer_OrAltered_OrAsATicket()
    {
        var cookie = passes.Session("alice", Customer, time.GetUtcNow(), time.GetUtcNow() + TimeSpan.FromHours(1), Stamp);

        passes.ReadSession(cookie, "zz99yy88").ShouldBeNull("a cookie is for one customer's path only");
        passes.ReadSession(Altered(cookie), Customer).ShouldBeNull("an altered cookie must not pass");
        passes.ReadTicket(cookie, Customer).ShouldBeNull("a cookie cannot be presented as a ticket");
        passes.ReadSession(null, Customer).ShouldBeNull();
        passes.ReadSession("", Customer).ShouldBeNull();
    }

    /// <summary>The same value with one character in its middle changed, as a tamperer would.</summary>
    private static string Altered(string value)
    {
        var middle = value.Length / 2;
        return value[..middle] + (value[middle] == 'A' ? 'B' : 'A') + value[(middle + 1)..];
    }
}
