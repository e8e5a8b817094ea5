using Com.Grains.Interfaces.RemoteSupport;
using Com.Tests.Infrastructure;

namespace Com.Tests.RemoteSupport;

/// <summary>An admin relay ticket's nonce is claimed once in the whole cluster, however many ask at the same moment.</summary>
[Collection(SharedGrainCluster.Name)]
[Trait("Category", "Cluster")]
public sealed class RelayTicketGrainTests(PostgresCluster cluster)
{
    [Fact]
    public async Task ANonce_IsClaimedOnce_EvenByManyClaimsAtOnce()
    {
        var nonce = Guid.NewGuid().ToString("N");
        var validUntil = DateTimeOffset.UtcNow.AddMinutes(1);

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cluster.Grains.GetGrain<IRelayTicketGrain>(nonce).ClaimAsync(validUntil)));

        claims.Count(c => c).ShouldBe(1, "exactly one redemption of a ticket may succeed");
        (await cluster.Grains.GetGrain<IRelayTicketGrain>(nonce).ClaimAsync(validUntil)).ShouldBeFalse("a later claim is refused too");
        (await cluster.Grains.GetGrain<IRelayTicketGrain>(Guid.NewGuid().ToString("N")).ClaimAsync(validUntil)).ShouldBeTrue("another ticket is claimed apart");
    }
}
