using Com.DeviceProtocol;
using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Devices;

/// <summary>SPEC LINK-2/LINK-3: each connectivity message, produced by the real condition over a real link.</summary>
[Collection(SharedDeviceGateway.Name)]
[Trait("Category", "Process")]
public sealed class ConnectivityMessagesTests(ComDeployment com)
{
    private const string Password = "Pbx-Secret-1";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static TheoryData<string, Func<HelloMessage, HelloMessage>, string, string> Conditions => new()
    {
        { "healthy system", h => h, "Connected", "green" },
        { "service user unknown on the primary", h => h with { ServiceUser = "NotThere" }, "InvalidCredentials", "orange" },
        { "wrong password", h => h with { Password = "Wrong-1" }, "AuthorisationFailed", "orange" },
        { "connecting server is not the primary", h => h with { Role = "secondary" }, "NotValidPrimary", "red" },
        { "release older than 11.1 FP1", h => h with { System = h.System with { Version = "11.0.4.0" } }, "Legacy", "green" },
        { "legacy profile", h => h with { System = h.System with { Profile = "Legacy" } }, "Legacy", "green" },
        { "sessions exhausted", h => h with { Account = new AccountMessage(Sessions: 6, MaxSessions: 5) }, "TooManySessions", "orange" },
        { "must set a new password", h => h with { Account = new AccountMessage("must-change-password") }, "MustChangePassword", "orange" },
        { "disabled by an administrator", h => h with { Account = new AccountMessage("disabled") }, "AccountDisabledByAdministrator", "orange" },
        { "temporarily locked", h => h with { Account = new AccountMessage("locked") }, "AccountTemporarilyLocked", "orange" },
        { "currently disabled", h => h with { Account = new AccountMessage("currently-disabled") }, "AccountCurrentlyDisabled", "orange" },
        { "password expired", h => h with { Account = new AccountMessage("expired") }, "PasswordExpired", "orange" },
        { "no rights enabled", h => h with { Account = new AccountMessage(Rights: []) }, "NoRightsEnabled", "orange" },
        { "two rights missing", h => h with { Account = new AccountMessage(Rights: ["backup", "upgrade"]) }, "InsufficientRights", "orange" },
        { "remote operations forbidden", h => h with { Account = new AccountMessage(RemoteOperations: false) }, "RemoteOperationsNotAllowed", "orange" },
        { "no service-monitor read right", h => h with { Account = Missing("serviceMonitorRead") }, "ServiceMonitorReadNotEnabled", "orange" },
        { "no upgrade right", h => h with { Account = Missing("upgrade") }, "UpgradeRightsNotEnabled", "orange" },
        { "no backup right", h => h with { Account = Missing("backup") }, "BackupRightsNotEnabled", "orange" },
        { "no own-password write right", h => h with { Account = Missing("ownPasswordWrite") }, "OwnPasswordChangeNotEnabled", "orange" },
        { "no authorisation provided", h => h with { Account = new AccountMessage(AuthorisationProvided: false) }, "NoAuthorisationProvided", "orange" },
        { "one server offline", h => h with { Servers = [h.Servers[0], h.Servers[1] with { Online = false }] }, "ServerOffline", "orange" },
    };

    private static readonly string[] AllRights = ["ownPasswordWrite", "backup", "upgrade", "serviceMonitorRead"];

    private static AccountMessage Missing(string right) => new(Rights: [.. AllRights.Where(r => r != right)]);

    [Theory]
    [MemberData(nameof(Conditions))]
    public async Task Hello_UnderACondition_ShowsItsMessageAndColour(string condition, Func<HelloMessage, HelloMessage> bend, string code, string light)
    {
        var id = await com.ProvisionAsync($"Customer with {condition}", Password);
        await using var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);

        try
        {
            await device.HelloAsync(bend(Hellos.Healthy(id, Password)), Wait);
        }
        catch (LinkRefusedException)
        {
            // Refusals are conditions too; the customer's state tells which.
        }

        var customer = await com.WaitForCodeAsync(id, code);
        customer.GetProperty("light").GetString().ShouldBe(light, $"{condition} should be {light}");
    }

    [Fact]
    public async Task NewCustomer_BeforeAnyLink_IsRedAwaitingItsInitialConnection()
    {
        var id = await com.ProvisionAsync("Customer never connected", Password);

        var customer = await com.CustomerAsync(id);

        customer.GetProperty("connectivity").GetString().ShouldBe("AwaitingInitialConnection");
        customer.GetProperty("light").GetString().ShouldBe("red");
    }

    [Fact]
    public async Task Hello_ThatMakesNoSense_IsRefusedAndShowsConnectionFailed()
    {
        var id = await com.ProvisionAsync("Customer with a garbled hello", Password);
        await using var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<LinkRefusedException>(() => device.HelloAsync(Hellos.Healthy(id, Password) with { Servers = [] }, Wait));

        refused.Reason.ShouldBe(RefusalReasons.ProtocolError);
        (await com.WaitForCodeAsync(id, "ConnectionFailed")).GetProperty("light").GetString().ShouldBe("red");
    }

    [Fact]
    public async Task Link_ThatCloses_IsRedOfflineSinceItClosed()
    {
        var id = await com.ProvisionAsync("Customer that goes away", Password);
        var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(Hellos.Healthy(id, Password), Wait);
        await com.WaitForCodeAsync(id, "Connected");

        await device.CloseAsync();
        await device.DisposeAsync();

        var customer = await com.WaitForCodeAsync(id, "Offline");
        customer.GetProperty("light").GetString().ShouldBe("red");
        customer.GetProperty("since").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1), "offline since when it closed");
    }
}
