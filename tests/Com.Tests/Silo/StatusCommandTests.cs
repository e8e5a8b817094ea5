using System.Globalization;
using System.Text.RegularExpressions;
using Com.DeviceProtocol;
using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Silo;

[Trait("Category", "Process")]
public sealed partial class StatusCommandTests
{
    private const string Password = "Pbx-Secret-4";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

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
        var row = SiloRow(printed, "reported-silo");
        row.Groups["status"].Value.ShouldBe("Active", printed);
        printed.ShouldContain("ServerPreferencesGrain", customMessage: "the home page activated the preferences grain");
    }

    [Fact]
    public async Task Status_WhileADeviceRaisesAlarms_ShowsTheSiloReceivingMessages()
    {
        await using var com = new ComDeployment();
        await com.InitializeAsync();
        var id = await com.ProvisionAsync("Customer raising alarms", Password);
        await using var device = await LinkAsync(com.Silo, id);

        var status = SiloProcess.RunCommandAsync(com.Database.ConnectionString, null, "status");
        var raised = await RaiseAlarmsUntilAsync(device, status);

        var (exitCode, printed) = await status;
        exitCode.ShouldBe(0, printed);
        var rate = double.Parse(SiloRow(printed, com.Silo.Name).Groups["rate"].Value, CultureInfo.InvariantCulture);
        rate.ShouldBeGreaterThan(0, $"{raised} alarms were acknowledged while status measured, yet it printed:\n{printed}");
    }

    [Fact]
    public async Task Status_CountsCustomersByTrafficLight()
    {
        await using var com = new ComDeployment();
        await com.InitializeAsync();
        var green = await com.ProvisionAsync("Customer all well", Password);
        var orange = await com.ProvisionAsync("Customer with a server offline", Password);
        await com.ProvisionAsync("Customer never linked", Password);
        await using var healthy = await LinkAsync(com.Silo, green);
        await using var halfDown = await LinkAsync(com.Silo, orange);
        var servers = Hellos.Healthy(orange, Password).Servers;
        await halfDown.SendAsync(new StatusMessage(null, [servers[0], servers[1] with { Online = false }]), ProtocolJson.Default.StatusMessage, TestContext.Current.CancellationToken);
        await com.WaitForCodeAsync(green, "Connected");
        await com.WaitForCodeAsync(orange, "ServerOffline");

        // The directory row follows the customer grain a moment later: wait for the summary rather than guess how long.
        var expected = "CUSTOMERS 3: green 1, orange 1, red 1";
        var (exitCode, printed) = await Eventually.GetAsync(
            () => SiloProcess.RunCommandAsync(com.Database.ConnectionString, null, "status"),
            r => r.Output.Contains(expected, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        exitCode.ShouldBe(0, printed);
        printed.ShouldContain(expected, customMessage: "one customer of each light was set up");
    }

    [Fact]
    public async Task Status_ShowsAKilledSiloAsDead_WithoutAnUptimeCountingOn()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        var certificates = Directory.CreateTempSubdirectory("com-cert").FullName;
        await using var survivor = SiloProcess.Start(database.ConnectionString, "survivor", certificateDirectory: certificates);
        await survivor.WaitReadyAsync();
        await using var doomed = SiloProcess.Start(database.ConnectionString, "doomed", certificateDirectory: certificates);
        await doomed.WaitReadyAsync();

        doomed.Kill();

        var (_, printed) = await Eventually.GetAsync(
            () => SiloProcess.RunCommandAsync(database.ConnectionString, null, "status"),
            r => FindSiloRow(r.Output, "doomed")?.Groups["status"].Value == "Dead", TimeSpan.FromSeconds(120));
        var row = SiloRow(printed, "doomed");
        row.Groups["status"].Value.ShouldBe("Dead", $"the killed silo was never declared dead:\n{printed}");
        row.Groups["uptime"].Value.ShouldBe("-", $"a dead silo has no uptime:\n{printed}");
        SiloRow(printed, "survivor").Groups["status"].Value.ShouldBe("Active", printed);
    }

    private static async Task<DeviceClient> LinkAsync(SiloProcess silo, string id)
    {
        var device = await DeviceClient.ConnectAsync(silo.LinkUri, silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(Hellos.Healthy(id, Password), Wait);
        return device;
    }

    /// <summary>Raises one alarm after another, each once the last is acknowledged, until <paramref name="until"/> ends.</summary>
    private static async Task<int> RaiseAlarmsUntilAsync(DeviceClient device, Task until)
    {
        var raised = 0;
        while (!until.IsCompleted)
        {
            var alarm = new AlarmMessage($"a-{raised}", "primary", "major", "trunk", "SIP trunk 3 out of service", raised % 2 == 0);
            await device.SendAsync(alarm, ProtocolJson.Default.AlarmMessage, TestContext.Current.CancellationToken);
            while ((await device.ReceiveAsync(Wait)).Type != MessageTypes.Ack)
            {
                // Only the acknowledgement paces the next alarm.
            }
            raised++;
        }
        return raised;
    }

    private static Match SiloRow(string printed, string silo) =>
        FindSiloRow(printed, silo) ?? throw new ShouldAssertException($"silo {silo} is not listed:\n{printed}");

    private static Match? FindSiloRow(string printed, string silo) => printed.Split('\n')
        .Select(line => SiloLine().Match(line.TrimEnd()))
        .FirstOrDefault(m => m.Success && m.Groups["name"].Value == silo);

    // Name, address, status, uptime ("-", "42s", "3m 5s"), activations, messages per second ("-" or "12.5"), CPU, memory.
    [GeneratedRegex(@"^(?<name>\S+)\s+(?<address>\S+)\s+(?<status>\S+)\s+(?<uptime>-|\d+\w(?: \d+\w)?)\s+(?<activations>\d+)\s+(?<rate>-|\d+\.\d)\s+(?<cpu>\S+)\s+(?<memory>.+)$")]
    private static partial Regex SiloLine();
}
