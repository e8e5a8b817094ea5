using System.Net;
using Com.Grains.Interfaces.Preferences;
using Com.Tests.Infrastructure;
using Npgsql;

namespace Com.Tests.Silo;

/// <summary>The COM executable as operators run it: its own process, HTTPS, PostgreSQL, several silos.</summary>
[Trait("Category", "Process")]
public sealed class SiloHostTests
{
    [Fact]
    public async Task Silo_OnAnEmptyDatabase_CreatesTheSchemaAndServesTheWebFrontOverHttps()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        await using var silo = SiloProcess.Start(database.ConnectionString, "fresh");

        await silo.WaitReadyAsync();

        (await silo.Http.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var readiness = await silo.Http.GetStringAsync("/readyz");
        readiness.ShouldContain("\"database\":{\"status\":\"Healthy\"");
        readiness.ShouldContain("1 active silo(s)");
        var root = await silo.Http.GetAsync("/");
        root.Headers.Location?.ToString().ShouldBe("/com/", "the bare host should lead to the product");
        await silo.SignInAsAdminAsync(database.ConnectionString);
        (await silo.GetPageAsync("/com/")).ShouldContain("data-test=\"system-name\">COM<", customMessage: "the page must show a value read from the preferences grain");
        (await database.ReadColumnAsync<string>("SELECT querykey FROM orleansquery")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task WebPort_AskedForPlainHttp_DoesNotServeIt()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        await using var silo = SiloProcess.Start(database.ConnectionString, "tls-only");
        await silo.WaitReadyAsync();
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        await Should.ThrowAsync<HttpRequestException>(() => plain.GetAsync($"http://localhost:{silo.WebPort}/com/"));
    }

    [Fact]
    public async Task WebPortHeldByAnotherProcess_EndsTheStartWithOneLineNamingThePort_AndExitCode3()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, TcpForwarder.FreePort());
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            await using var silo = SiloProcess.Start(database.ConnectionString, "port-taken", settings: new Dictionary<string, string>
            {
                ["Com__Web__Port"] = $"{port}",
            });

            (await silo.ExitCodeAsync(TimeSpan.FromSeconds(90))).ShouldBe(3, silo.Output);
            silo.Output.ShouldContain("COM could not start:");
            silo.Output.ShouldContain($"{port}", customMessage: "the line should name the port it could not take");
            silo.Output.ShouldNotContain("Unhandled exception", customMessage: "a port in use is not a crash");
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task ADatabaseThatDoesNotExist_EndsTheStartWithOneLineNamingIt_AndExitCode4()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var missing = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "com_never_created" }.ConnectionString;
        await using var silo = SiloProcess.Start(missing, "no-database");

        (await silo.ExitCodeAsync(TimeSpan.FromSeconds(90))).ShouldBe(4, silo.Output);
        silo.Output.ShouldContain("COM could not start: PostgreSQL at ");
        silo.Output.ShouldContain("database \"com_never_created\"", customMessage: "the line should name the database it could not use");
        silo.Output.ShouldNotContain("Unhandled exception", customMessage: "a missing database is not a crash");
    }

    [Fact]
    public async Task Silo_StartedBeforePostgreSql_WaitsForItAndThenServes()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var real = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var late = new TcpForwarder(real.Port);
        var throughLate = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = late.Port }.ConnectionString;
        await using var silo = SiloProcess.Start(throughLate, "early-bird");

        await Eventually.GetAsync(() => Task.FromResult(silo.Output), o => o.Contains("database not reachable yet", StringComparison.Ordinal) || silo.HasExited,
            TimeSpan.FromSeconds(60), "the silo to report a database it cannot reach (or to exit)");
        silo.HasExited.ShouldBeFalse($"a missing database must not kill the silo:\n{silo.Output}");
        late.Start();

        await silo.WaitReadyAsync();
    }

    [Fact]
    public async Task SecondSilo_JoinsTheCluster_AndServesTheSameStateAfterTheFirstIsKilled()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        var certificates = Directory.CreateTempSubdirectory("com-cert").FullName;
        await using var first = SiloProcess.Start(database.ConnectionString, "first", certificateDirectory: certificates);
        await first.WaitReadyAsync();
        await using var second = SiloProcess.Start(database.ConnectionString, "second", certificateDirectory: certificates);
        await second.WaitReadyAsync();
        await using (var client = await ExternalClusterClient.ConnectAsync(database.ConnectionString))
            await client.Grains.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key).SetSystemNameAsync("Distributor West");
        (await second.Http.GetStringAsync("/readyz")).ShouldContain("2 active silo(s)");

        await second.SignInAsAdminAsync(database.ConnectionString);
        first.Kill();

        var page = await Eventually.GetAsync(() => second.GetPageAsync("/com/"), p => p.Contains("Distributor West", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        page.ShouldContain("Distributor West", customMessage: "the surviving silo must serve the state the dead one may have held");
        await second.WaitReadyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task WebFront_RunningAsAClientOfTheCluster_ServesPagesFromTheGrains()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var silo = SiloProcess.Start(database.ConnectionString, "grains");
        await silo.WaitReadyAsync();

        await using var web = SiloProcess.Start(database.ConnectionString, "web-only", role: "web");
        await web.WaitReadyAsync();
        await web.SignInAsAdminAsync(database.ConnectionString);

        var cluster = await web.GetPageAsync("/com/cluster");
        cluster.ShouldContain("<td class=\"mud-table-cell\">grains</td>", customMessage: "the client-only web front lists the one real silo, read from the cluster");
        cluster.ShouldNotContain(">web-only</td>", customMessage: "a client is not a silo");
    }
}
