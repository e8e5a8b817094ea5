using System.Formats.Tar;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Com.Simulator;
using Com.Tests.Infrastructure;
using static Com.Tests.Simulator.SimulatedBackupFixtures;

namespace Com.Tests.Simulator;

/// <summary>
/// A simulated device answering backup and restore commands end to end, against an in-process stand-in for COM's
/// link and files path over loopback HTTPS: what COM's backup jobs will see.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SimulatedDeviceCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly CustomerPlan _customer = Plans(12).First(c => c.Servers.Count >= 2);
    private StandInFilesCom _com = null!;

    public async ValueTask InitializeAsync() => _com = await StandInFilesCom.StartAsync();

    public async ValueTask DisposeAsync() => await _com.DisposeAsync();

    [Fact]
    public async Task Backup_StreamsTheTarWhileHeartbeatsGoOn_ReportsProgressPerServer_AndAnswersOk()
    {
        _com.UploadsWaitForAHeartbeat = true;
        await using var device = RunDevice(backupSize: 8L * 1024 * 1024);
        var link = await _com.NextLinkAsync(Wait);

        await link.SendAsync(Command("b-1", "backup", ["configuration", "voicemail", "service:one-x-portal"], upload: "/cpe/files/tok-1"));
        var messages = await link.UntilAsync("result", Wait);
        var upload = await _com.NextUploadAsync(Wait);

        var result = messages[^1];
        (result.GetProperty("id").GetString(), result.GetProperty("ok").GetBoolean()).ShouldBe(("b-1", true), result.ToString());
        upload.Token.ShouldBe("tok-1");
        upload.HeartbeatSeen.ShouldBeTrue("heartbeats go on while the upload waits");
        upload.Torn.ShouldBeFalse();
        upload.Received.ShouldBe(upload.ContentLength.ShouldNotBeNull());
        upload.Received.ShouldBeInRange(8L * 1024 * 1024 - 65536, 8L * 1024 * 1024 + 65536);
        upload.ConfigurationHash.ShouldNotBeNull().ShouldBe(link.HelloConfiguration, "configuration.cfg is what the hello reported");
        var progress = messages.Where(m => m.GetProperty("type").GetString() == "progress").ToList();
        foreach (var server in _customer.Servers)
        {
            var percents = progress.Where(p => p.GetProperty("server").GetString() == server.Name).Select(p => p.GetProperty("percent").GetInt32()).ToList();
            percents.ShouldNotBeEmpty(server.Name);
            percents.ShouldBeInOrder(SortDirection.Ascending);
            percents[0].ShouldBe(0);
            percents[^1].ShouldBe(100);
            percents.ShouldContain(p => p > 0 && p < 100, "progress is reported while the upload runs");
        }
        device.Counters.BackupsSent.ShouldBe(1);
    }

    [Fact]
    public async Task Restore_AppliesConfigurationCfg_AnswersOk_ThenRelinksWithItsHashInTheHello()
    {
        var restored = Encoding.UTF8.GetBytes("[system]\nname=restored by a test\npassword=xyz\n");
        _com.Offer("r-1", await TarOfAsync(("configuration.cfg", restored), ("voicemail/messages.bin", new byte[70_000])));
        await using var device = RunDevice();
        var first = await _com.NextLinkAsync(Wait);
        first.HelloConfiguration.ShouldNotBe(Sha256(restored));

        await first.SendAsync(Command("r-1", "restore", ["configuration"], download: "/cpe/files/r-1"));
        var result = await first.NextAsync("result", Wait);

        result.GetProperty("ok").GetBoolean().ShouldBeTrue(result.ToString());
        (await first.Ended.WaitAsync(Wait)).ShouldBeTrue("the device restarts by closing its link");
        var second = await _com.NextLinkAsync(Wait);
        second.HelloConfiguration.ShouldBe(Sha256(restored));
        device.Counters.RestoresApplied.ShouldBe(1);
    }

    [Fact]
    public async Task Restore_OfAFileWithoutConfigurationCfg_Fails_AndTheLinkStays()
    {
        _com.Offer("r-2", await TarOfAsync(("voicemail/messages.bin", new byte[1000])));
        await using var device = RunDevice();
        var link = await _com.NextLinkAsync(Wait);

        await link.SendAsync(Command("r-2", "restore", ["configuration"], download: "/cpe/files/r-2"));
        var result = await link.NextAsync("result", Wait);

        result.GetProperty("ok").GetBoolean().ShouldBeFalse();
        result.GetProperty("detail").GetString().ShouldBe("the backup holds no configuration.cfg");
        await link.NextAsync("heartbeat", Wait);
        link.Ended.IsCompleted.ShouldBeFalse();
        device.Counters.RestoresFailed.ShouldBe(1);
    }

    [Fact]
    public async Task FailMidway_TearsTheUpload_AndAnswersDiskFull()
    {
        await using var device = RunDevice(backupSize: 4L * 1024 * 1024, fault: BackupFault.FailMidway);
        var link = await _com.NextLinkAsync(Wait);

        await link.SendAsync(Command("b-2", "backup", ["configuration"], upload: "/cpe/files/tok-2"));
        var result = await link.NextAsync("result", Wait);
        var upload = await _com.NextUploadAsync(Wait);

        result.GetProperty("ok").GetBoolean().ShouldBeFalse();
        result.GetProperty("detail").GetString().ShouldBe($"disk full on {_customer.Servers[^1].Name}");
        upload.Torn.ShouldBeTrue();
        upload.Received.ShouldBeLessThan(upload.ContentLength.ShouldNotBeNull());
        device.Counters.BackupsFailed.ShouldBe(1);
    }

    [Fact]
    public async Task DisconnectMidway_DropsTheLinkWithoutAResult_TearsTheUpload_AndLinksAgain()
    {
        await using var device = RunDevice(backupSize: 4L * 1024 * 1024, fault: BackupFault.DisconnectMidway);
        var first = await _com.NextLinkAsync(Wait);

        await first.SendAsync(Command("b-3", "backup", ["configuration"], upload: "/cpe/files/tok-3"));

        (await first.Ended.WaitAsync(Wait)).ShouldBeFalse("the link is dropped, not closed");
        first.Drain().ShouldNotContain(m => m.Type == "result");
        (await _com.NextUploadAsync(Wait)).Torn.ShouldBeTrue();
        var second = await _com.NextLinkAsync(Wait);
        second.HelloConfiguration.ShouldBe(first.HelloConfiguration);
        await Eventually.GetAsync(() => Task.FromResult(device.Counters.BackupsFailed), n => n == 1);
    }

    [Fact]
    public async Task Upload_RefusedByCom_IsAnsweredOkFalse_NamingTheHttpStatus()
    {
        _com.UploadStatus = HttpStatusCode.Unauthorized;
        await using var device = RunDevice();
        var link = await _com.NextLinkAsync(Wait);

        await link.SendAsync(Command("b-4", "backup", ["configuration"], upload: "/cpe/files/used"));
        var result = await link.NextAsync("result", Wait);

        result.GetProperty("ok").GetBoolean().ShouldBeFalse();
        result.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("HTTP 401");
    }

    [Fact]
    public async Task BadCommands_AndASecondCommandWhileOneRuns_AreAnsweredOkFalse_TheRunningOneStillEndsOk()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _com.HoldUploads = release.Task;
        await using var device = RunDevice();
        var link = await _com.NextLinkAsync(Wait);

        await link.SendAsync(Command("b-5", "backup", ["configuration"], upload: "/cpe/files/tok-5"));
        await link.SendAsync(Command("b-6", "backup", ["configuration"], upload: "/cpe/files/tok-6"));
        await link.SendAsync(Command("t-1", "teleport", ["configuration"], upload: "/cpe/files/tok-7"));
        await link.SendAsync(Command("b-7", "backup", ["configuration"], upload: "/cpe/link"));
        await link.SendAsync("""{"type":"command","id":"m-1","command":"backup","items":5}""");

        (await DetailOfAsync(link, "b-6")).ShouldBe("another command is running");
        (await DetailOfAsync(link, "t-1")).ShouldStartWith("unknown command 'teleport'");
        (await DetailOfAsync(link, "b-7")).ShouldBe("'upload' must be /cpe/files/<token>, not '/cpe/link'");
        (await DetailOfAsync(link, "m-1")).ShouldBe("malformed command");
        release.SetResult();
        var running = await link.NextAsync("result", Wait, m => m.GetProperty("id").GetString() == "b-5");
        running.GetProperty("ok").GetBoolean().ShouldBeTrue(running.ToString());
        device.Counters.CommandsRejected.ShouldBe(4);
    }

    [Fact]
    public async Task NeverAnswer_IgnoresCommands_WhileTheLinkGoesOn()
    {
        await using var device = RunDevice(fault: BackupFault.NeverAnswer);
        var link = await _com.NextLinkAsync(Wait);

        await link.SendAsync(Command("b-8", "backup", ["configuration"], upload: "/cpe/files/tok-8"));
        await link.SendAsync(Command("t-2", "teleport", ["configuration"]));
        await Eventually.GetAsync(() => Task.FromResult(device.Counters.CommandsIgnored), n => n == 2);
        await link.NextAsync("heartbeat", Wait);

        link.Drain().ShouldNotContain(m => m.Type == "result" || m.Type == "progress");
    }

    private static async Task<string?> DetailOfAsync(StandInLink link, string id)
    {
        var result = await link.NextAsync("result", Wait, m => m.GetProperty("id").GetString() == id);
        result.GetProperty("ok").GetBoolean().ShouldBeFalse();
        return result.GetProperty("detail").GetString();
    }

    private static string Command(string id, string command, string[] items, string? upload = null, string? download = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "command", ["id"] = id, ["command"] = command, ["items"] = items, ["upload"] = upload, ["download"] = download,
        });

    private static async Task<byte[]> TarOfAsync(params (string Name, byte[] Data)[] entries)
    {
        using var file = new MemoryStream();
        await using (var tar = new TarWriter(file, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
                await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
        }
        return file.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private RunningDevice RunDevice(long? backupSize = null, BackupFault fault = BackupFault.None)
    {
        var counters = new FleetCounters(1);
        var files = FilesClient.Create(_com.Certificate);
        var commands = new CommandSettings(files, new ConfigurationClock(TimeProvider.System, Day), backupSize,
            fault == BackupFault.None ? new Dictionary<int, BackupFault>() : new Dictionary<int, BackupFault> { [_customer.Index] = fault });
        var environment = new DeviceEnvironment([_com.LinkUri], _com.Certificate, ReconnectPipeline.Create(), new FleetAlarms(1, counters),
            new RefusalTally(TextWriter.Null), 0, TextWriter.Null, commands);
        var stop = new CancellationTokenSource();
        var run = new SimulatedDevice(_customer, Credentials(_customer), environment).RunAsync(TimeSpan.Zero, stop.Token);
        return new RunningDevice(counters, files, stop, run);
    }

    private sealed record RunningDevice(FleetCounters Counters, HttpClient Files, CancellationTokenSource Stop, Task Run) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Run;
            Stop.Dispose();
            Files.Dispose();
        }
    }
}
