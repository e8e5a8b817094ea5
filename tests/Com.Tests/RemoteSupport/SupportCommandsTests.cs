using Com.Silo.RemoteSupport;
using Com.WebFront.RemoteSupport;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// The customer page's remote-support commands (SPEC RS-5): hosts the proxy reads back as the same server, the password
/// masked on the page and quoted in what is copied, PuTTY's escapes.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SupportCommandsTests
{
    private const string Secret = "Quay$Proxy'2026!";
    private static readonly ProxySettings Settings = new() { Domain = "com.example" };

    private static SupportCommands Commands(string password = Secret, string windows = @"C:\Tools\proxytunnel.exe") =>
        new(Settings, "ab12cd34", "Administrator", new SupportInputs("/usr/bin/proxytunnel", windows, "quay-support", password));

    [Theory]
    [InlineData("SE Primary", "ab12cd34-se-primary.maint.com.example", "se-primary")]
    [InlineData("App_Server 2", "ab12cd34-app-server-2.maint.com.example", "app-server-2")]
    [InlineData("-IP500-V2-", "ab12cd34-ip500-v2.maint.com.example", "ip500-v2")]
    public void AServerHost_IsReadBackByTheProxyAsThatServer(string name, string host, string slug)
    {
        Commands().Host(name).ShouldBe(host);
        var (target, problem) = MaintenanceTarget.Parse(host + ":22", Settings.MaintenanceSuffix);
        problem.ShouldBeNull($"the proxy refused the host the page offers for '{name}'");
        target.ShouldBe(new MaintenanceTarget("ab12cd34", slug, null, 22));
    }

    [Fact]
    public void ANearbyHost_CarriesTheAddressAfterTheServer_AndTheSystemAloneIsTheCustomerId()
    {
        Commands().Host(null).ShouldBe("ab12cd34.maint.com.example");
        Commands().Host(null, "10.1.0.50").ShouldBe("ab12cd34-10.1.0.50.maint.com.example");
        var host = Commands().Host("SE Primary", "10.1.0.50")!;
        MaintenanceTarget.Parse(host + ":3389", Settings.MaintenanceSuffix).Target
            .ShouldBe(new MaintenanceTarget("ab12cd34", "se-primary", "10.1.0.50", 3389));
    }

    [Fact]
    public void AServerNameWithoutLettersOrDigits_HasNoHost() => Commands().Host("--- ---").ShouldBeNull();

    [Fact]
    public void TheProxyAddress_IsThePublicAddressWhenSet()
    {
        Commands().ProxyAddress.ShouldBe("maint.com.example:6443");
        var settings = new ProxySettings { Domain = "com.example", PublicAddress = "support.example.org:443" };
        new SupportCommands(settings, "ab12cd34", "x", new SupportInputs("", "", "", "")).ProxyAddress.ShouldBe("support.example.org:443");
    }

    [Fact]
    public void ThePageShowsEveryCommandMasked_AndOnlyTheCopiedTextHoldsThePassword()
    {
        var commands = Commands();
        var host = commands.Host("SE Primary")!;
        string[] visible =
        [
            commands.UnixSsh(host, reveal: false), commands.WindowsSsh(host, reveal: false), commands.StandaloneTunnel(host, 3389, 13389, reveal: false),
            commands.UnixSsh(host, reveal: false, forward: "13389:10.1.0.50:3389"), commands.Password(reveal: false), commands.PuttyProxyCommand(),
        ];
        foreach (var text in visible)
            text.ShouldNotContain(Secret, Case.Sensitive, customMessage: $"the page shows the password in: {text}");
        commands.UnixSsh(host, reveal: false).ShouldBe(
            $"ssh -o ProxyCommand=\"/usr/bin/proxytunnel -q -E -p maint.com.example:6443 -d {host}:22 -P quay-support:{SupportCommands.Mask}\" Administrator@{host}");
        commands.WindowsSsh(host, reveal: true).ShouldContain($"-P quay-support:{Secret}\"");
        commands.StandaloneTunnel(commands.Host(null, "10.1.0.50")!, 3389, 13389, reveal: true)
            .ShouldBe($@"C:\Tools\proxytunnel.exe -a 13389 -E -p maint.com.example:6443 -d ab12cd34-10.1.0.50.maint.com.example:3389 -P quay-support:{Secret}");
    }

    [Fact]
    public void TheCopiedUnixCommand_QuotesThePasswordForBothShellsThatReadIt()
    {
        var host = Commands().Host("SE Primary")!;
        // The outer shell strips the outer single quotes; ssh's sh -c then reads -P 'quay-support:Quay$Proxy'\''2026!'.
        Commands().UnixSsh(host, reveal: true).ShouldBe(
            $"ssh -o 'ProxyCommand=/usr/bin/proxytunnel -q -E -p maint.com.example:6443 -d {host}:22 -P '\\''quay-support:Quay$Proxy'\\''\\'\\'''\\''2026!'\\''' Administrator@{host}");
        Commands("Plain-Proxy-2026").UnixSsh(host, reveal: true).ShouldBe(
            $"ssh -o ProxyCommand=\"/usr/bin/proxytunnel -q -E -p maint.com.example:6443 -d {host}:22 -P quay-support:Plain-Proxy-2026\" Administrator@{host}");
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("", "''")]
    public void PosixQuoting_KeepsTheTextOneWord(string text, string quoted) => Posix.Quote(text).ShouldBe(quoted);

    [Fact]
    public void PuttysCommand_DoublesBackslashesAndPercentSigns_AndLeavesItsOwnSequences()
    {
        Commands(windows: @"C:\tools\100%\proxytunnel.exe").PuttyProxyCommand()
            .ShouldBe(@"C:\\tools\\100%%\\proxytunnel.exe -q -E -p %proxyhost:%proxyport -d %host:%port -P %user:%pass");
        Commands(windows: @"C:\Program Files\proxytunnel.exe").PuttyProxyCommand().ShouldStartWith("\"C:\\\\Program Files\\\\proxytunnel.exe\" ");
    }

    [Fact]
    public void WithoutTypedCredentials_TheCopiedTextSaysWhatToFillIn()
    {
        var commands = new SupportCommands(Settings, "ab12cd34", "Administrator", new SupportInputs(" ", "", "", ""));
        commands.UnixSsh("h", reveal: true).ShouldContain("proxytunnel -q -E -p maint.com.example:6443 -d h:22 -P USER:PASSWORD");
    }
}
