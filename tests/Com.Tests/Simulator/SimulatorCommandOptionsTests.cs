using Com.DeviceProtocol;
using Com.Simulator;

namespace Com.Tests.Simulator;

/// <summary>The command-line options of backups, and how a device checks the commands COM sends.</summary>
[Trait("Category", "Unit")]
public sealed class SimulatorCommandOptionsTests
{
    [Fact]
    public void Options_Absent_MeanADailyChangeNoPaddingAndNoFaults()
    {
        var options = OptionsParser.Parse([], null).Options.ShouldNotBeNull();

        options.ConfigChangePeriod.ShouldBe(TimeSpan.FromSeconds(86400));
        options.BackupSize.ShouldBeNull();
        options.BackupFaults.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("200M", 200L * 1024 * 1024)]
    [InlineData("200MB", 200L * 1024 * 1024)]
    [InlineData("1.5G", 3L * 512 * 1024 * 1024)]
    [InlineData("64k", 64L * 1024)]
    [InlineData("64KiB", 64L * 1024)]
    [InlineData("65536", 65536L)]
    [InlineData("0", 0L)]
    public void BackupSize_TakesBytesOrASuffix(string value, long bytes)
    {
        var options = OptionsParser.Parse(["--customers", "8", "--backup-size", value], null).Options.ShouldNotBeNull();

        options.BackupSize.ShouldBe(bytes);
    }

    [Fact]
    public void ConfigChangeSecondsAndBackupFaults_AreRead_AndFaultOptionsAddUp()
    {
        var options = OptionsParser.Parse(
            ["--customers", "8", "--config-change-seconds=60", "--backup-fault", "fail-midway:3, 7", "--backup-fault=never-answer:0",
             "--backup-fault", "DISCONNECT-MIDWAY:5"], null).Options.ShouldNotBeNull();

        options.ConfigChangePeriod.ShouldBe(TimeSpan.FromMinutes(1));
        options.BackupFaults.ShouldBe(new Dictionary<int, BackupFault>
        {
            [3] = BackupFault.FailMidway,
            [7] = BackupFault.FailMidway,
            [0] = BackupFault.NeverAnswer,
            [5] = BackupFault.DisconnectMidway,
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("--backup-size", "200X", "--backup-size must be a size")]
    [InlineData("--backup-size", "-5M", "--backup-size must be a size")]
    [InlineData("--backup-size", "5T", "--backup-size must be a size")]
    [InlineData("--backup-size", "8G", "--backup-size must be a size from 0 to 4096M")]
    [InlineData("--backup-size", "", "--backup-size must be a size")]
    [InlineData("--config-change-seconds", "0", "--config-change-seconds must be a whole number from 1")]
    [InlineData("--config-change-seconds", "1.5", "--config-change-seconds must be a whole number")]
    [InlineData("--backup-fault", "explode:1", "--backup-fault kind must be one of fail-midway, disconnect-midway, never-answer, not 'explode'")]
    [InlineData("--backup-fault", "fail-midway", "--backup-fault fail-midway needs customer indexes")]
    [InlineData("--backup-fault", "fail-midway:", "--backup-fault fail-midway needs customer indexes")]
    [InlineData("--backup-fault", "fail-midway:1,,2", "--backup-fault takes customer indexes")]
    [InlineData("--backup-fault", "fail-midway:-1", "--backup-fault takes customer indexes")]
    [InlineData("--backup-fault", "fail-midway:one", "--backup-fault takes customer indexes")]
    [InlineData("--backup-fault", "fail-midway:8", "--backup-fault names customer 8, but with --customers 8 the indexes are 0 to 7")]
    public void BadValues_AreRefusedWithAClearError(string name, string value, string error)
    {
        var parsed = OptionsParser.Parse(["--customers", "8", name, value], null);

        parsed.Options.ShouldBeNull();
        parsed.Error.ShouldNotBeNull().ShouldStartWith(error);
    }

    [Fact]
    public void BackupFault_OneCustomerGivenTwoKinds_IsRefused()
    {
        var parsed = OptionsParser.Parse(["--backup-fault", "fail-midway:2", "--backup-fault", "never-answer:2"], null);

        parsed.Error.ShouldBe("--backup-fault gives customer 2 two faults, fail-midway and never-answer.");
    }

    [Fact]
    public void Usage_DescribesTheNewOptions()
    {
        Usage.Text.ShouldContain("--backup-size");
        Usage.Text.ShouldContain("--backup-fault");
        Usage.Text.ShouldContain("--config-change-seconds");
    }

    [Theory]
    [InlineData("wss://com.example:7443/cpe/link", "https://com.example:7443/cpe/files/abc")]
    [InlineData("wss://com.example/cpe/link", "https://com.example/cpe/files/abc")]
    [InlineData("ws://127.0.0.1:5000/cpe/link?x=1", "http://127.0.0.1:5000/cpe/files/abc")]
    public void FileAddress_IsTheLinksHostAndPort_OverHttps(string link, string file)
    {
        FilesClient.For(new Uri(link), "/cpe/files/abc").ShouldBe(new Uri(file));
    }

    [Fact]
    public void Command_Valid_HasNoProblem()
    {
        CommandCheck.Problem(new CommandMessage("1", Commands.Backup, ["configuration", "voicemail-selective", "media-manager", "service:one-x-portal"],
            Upload: "/cpe/files/6f1c-k2Qx")).ShouldBeNull();
        CommandCheck.Problem(new CommandMessage("2", Commands.Restore, ["configuration"], Download: "/cpe/files/9a02_p7Lm")).ShouldBeNull();
    }

    [Theory]
    [InlineData("teleport", "configuration", "/cpe/files/t", null, "unknown command 'teleport'")]
    [InlineData("backup", "", null, null, "backup names no items")]
    [InlineData("backup", "configuration", null, null, "backup without 'upload'")]
    [InlineData("backup", "configuration", null, "/cpe/files/t", "backup without 'upload'")]
    [InlineData("restore", "configuration", "/cpe/files/t", null, "restore without 'download'")]
    [InlineData("backup", "configuration", "/cpe/link", null, "'upload' must be /cpe/files/<token>, not '/cpe/link'")]
    [InlineData("backup", "configuration", "/cpe/files/", null, "'upload' must be /cpe/files/<token>")]
    [InlineData("backup", "configuration", "/cpe/files/../link", null, "'upload' must be /cpe/files/<token>")]
    [InlineData("backup", "configuration", "https://evil.example/cpe/files/t", null, "'upload' must be /cpe/files/<token>")]
    [InlineData("restore", "configuration", null, "/cpe/files/t?x=1", "'download' must be /cpe/files/<token>")]
    [InlineData("backup", "../../etc", "/cpe/files/t", null, "'../../etc' is not an item name")]
    [InlineData("backup", "voice mail", "/cpe/files/t", null, "'voice mail' is not an item name")]
    [InlineData("backup", "service:", "/cpe/files/t", null, "'service:' is not an item name")]
    [InlineData("backup", "service:../x", "/cpe/files/t", null, "'service:../x' is not an item name")]
    public void Command_Bad_IsAnsweredWithAClearDetail(string command, string items, string? upload, string? download, string problem)
    {
        var message = new CommandMessage("1", command, items.Length == 0 ? [] : items.Split(','), upload, download);

        CommandCheck.Problem(message).ShouldNotBeNull().ShouldStartWith(problem);
    }
}
