using System.Diagnostics;
using Com.Tests.Infrastructure;

namespace Com.Tests.Silo;

public sealed class StatusCommandTests
{
    [Fact]
    public async Task Status_PrintsEveryActiveSiloAndTheGrainTypesInUse()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var silo = SiloProcess.Start(database.ConnectionString, "reported-silo");
        await silo.WaitReadyAsync();
        await silo.GetPageAsync("/com/");

        var start = new ProcessStartInfo("dotnet", [SiloProcess.SiloDll, "status"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in SiloProcess.Environment(database.ConnectionString, "status"))
            start.Environment[key] = value;
        using var status = Process.Start(start)!;
        var printed = await status.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await status.WaitForExitAsync(TestContext.Current.CancellationToken);

        status.ExitCode.ShouldBe(0, await status.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        var row = printed.Split('\n').SingleOrDefault(l => l.StartsWith("reported-silo", StringComparison.Ordinal));
        row.ShouldNotBeNull($"the silo should be listed:\n{printed}");
        row.ShouldContain("Active");
        printed.ShouldContain("ServerPreferencesGrain", customMessage: "the home page activated the preferences grain");
    }
}
