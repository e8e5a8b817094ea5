using Com.Tests.Infrastructure;

namespace Com.Tests.Silo;

[Trait("Category", "Process")]
public sealed class StatusCommandTests
{
    [Fact]
    public async Task Status_PrintsEveryActiveSiloAndTheGrainTypesInUse()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var silo = SiloProcess.Start(database.ConnectionString, "reported-silo");
        await silo.WaitReadyAsync();
        await silo.SignInAsAdminAsync(database.ConnectionString);
        await silo.GetPageAsync("/com/");

        var (exitCode, printed) = await SiloProcess.RunCommandAsync(database.ConnectionString, null, "status");

        exitCode.ShouldBe(0, printed);
        var row = printed.Split('\n').SingleOrDefault(l => l.StartsWith("reported-silo", StringComparison.Ordinal));
        row.ShouldNotBeNull($"the silo should be listed:\n{printed}");
        row.ShouldContain("Active");
        printed.ShouldContain("ServerPreferencesGrain", customMessage: "the home page activated the preferences grain");
    }
}
