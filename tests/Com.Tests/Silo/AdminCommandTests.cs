using Com.Tests.Infrastructure;

namespace Com.Tests.Silo;

[Trait("Category", "Process")]
public sealed class AdminCommandTests
{
    [Fact]
    public async Task AdminEnsure_CreatesTheFirstAdministratorOnceAndPrintsTheGeneratedPasswordOnlyThen()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var silo = SiloProcess.Start(database.ConnectionString, "bootstrap");
        await silo.WaitReadyAsync();

        var first = await SiloProcess.RunCommandAsync(database.ConnectionString, null, "admin", "ensure");
        var second = await SiloProcess.RunCommandAsync(database.ConnectionString, null, "admin", "ensure");

        first.ExitCode.ShouldBe(0, first.Output);
        var password = first.Output.Split("password: ")[1].Split('\n')[0].Trim();
        (await silo.Http.SignInAsync("admin", password)).Headers.Location!.ToString().ShouldBe("/com/", "the printed password must open a session");
        second.ExitCode.ShouldBe(0, second.Output);
        second.Output.ShouldNotContain(password, customMessage: "the password is shown only when it is created");
    }

    [Fact]
    public async Task AdminEnsure_WithAWeakPasswordInTheEnvironment_RefusesWithAClearMessage()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var silo = SiloProcess.Start(database.ConnectionString, "bootstrap-weak");
        await silo.WaitReadyAsync();

        var run = await SiloProcess.RunCommandAsync(database.ConnectionString,
            new Dictionary<string, string> { ["COM_ADMIN_PASSWORD"] = "short" }, "admin", "ensure");

        run.ExitCode.ShouldBe(1);
        run.Output.ShouldContain("COM_ADMIN_PASSWORD was refused");
        (await SiloProcess.RunCommandAsync(database.ConnectionString, null, "admin", "ensure")).Output
            .ShouldContain("Created", customMessage: "the refused attempt must not have created the account");
    }
}
