using Com.Grains.Interfaces.Preferences;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Preferences;

public sealed class ServerPreferencesGrainTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private IServerPreferencesGrain Grain => cluster.Grains.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key);

    [Fact]
    public async Task SetSystemName_SurvivesTheDeathOfTheSiloThatHeldIt()
    {
        await Grain.SetSystemNameAsync("Distributor North");
        var holder = await cluster.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(Grain);
        var silo = cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(holder));

        await cluster.Cluster.KillSiloAsync(silo);
        var afterKill = await Grain.GetAsync();

        afterKill.SystemName.ShouldBe("Distributor North", "the name must come back from PostgreSQL on another silo");
        cluster.Cluster.GetActiveSilos().Count().ShouldBe(2);
    }

    [Theory]
    [InlineData("", "SystemNameRequired")]
    [InlineData("   ", "SystemNameRequired")]
    [InlineData("A name that is far too long for the bar", "SystemNameTooLong")]
    [InlineData("bell\u0007", "SystemNameInvalidCharacters")]
    public async Task SetSystemName_WithBadInput_IsRefusedWithAReasonAndChangesNothing(string bad, string reason)
    {
        var before = await Grain.GetAsync();

        var refused = await Should.ThrowAsync<PreferenceRejectedException>(() => Grain.SetSystemNameAsync(bad));

        refused.Reason.ShouldBe(reason);
        (await Grain.GetAsync()).ShouldBe(before, "a refused value must leave the preferences as they were");
    }
}
