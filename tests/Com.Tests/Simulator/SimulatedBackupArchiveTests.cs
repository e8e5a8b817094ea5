using System.Formats.Tar;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using Com.Simulator;
using static Com.Tests.Simulator.SimulatedBackupFixtures;

namespace Com.Tests.Simulator;

/// <summary>The backup a simulated system uploads: a tar made as it is written, whatever its size.</summary>
[Trait("Category", "Unit")]
public sealed class SimulatedBackupArchiveTests
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    [Fact]
    public async Task Backup_HoldsConfigurationCfg_WhoseSha256IsWhatTheHelloReports_AndAnEntryPerItem()
    {
        var customer = Plans().First(c => c.Servers.Count >= 2);
        var configuration = new DeviceConfiguration(customer, new ConfigurationClock(Clock(), Day));
        var hello = HelloFactory.Create(customer, Credentials(customer), customer.Servers, configuration.Hash(), PbxConfiguration.TimeZoneOf(customer));
        var archive = BackupArchive.For(customer, configuration.Bytes(), ["configuration", "voicemail", "media-manager", "service:web-manager", "service:contact-center"], null);
        using var file = new MemoryStream();

        await archive.WriteAsync(file, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        file.Length.ShouldBe(archive.Length, "the length announced before the upload is the length sent");
        file.Position = 0;
        var entries = await ReadEntriesAsync(file);
        entries.Keys.ShouldContain("configuration.cfg");
        entries.Keys.ShouldContain("voicemail/messages.bin");
        entries.Keys.ShouldContain("media-manager/data.bin");
        entries.Keys.ShouldContain($"services/{customer.Servers[0].Name}/web-manager.cfg");
        entries.Keys.ShouldContain(k => k.StartsWith("services/", StringComparison.Ordinal) && k.EndsWith("/contact-center.cfg", StringComparison.Ordinal));
        entries["configuration.cfg"].ShouldBe(hello.System.Configuration);
    }

    [Fact]
    public async Task Backup_OfEveryService_HoldsEachServiceOfEachServerThatRunsIt()
    {
        var customer = Plans().First(c => c.Servers.Count >= 2 && c.Servers.Any(s => BackupItems.ServicesOf(s).Count > 0));
        var archive = BackupArchive.For(customer, [1], ["services"], null);
        using var file = new MemoryStream();

        await archive.WriteAsync(file, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        file.Position = 0;
        var expected = customer.Servers.SelectMany(s => BackupItems.ServicesOf(s).Select(service => $"services/{s.Name}/{service}.cfg"));
        (await ReadEntriesAsync(file)).Keys.Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hello_ReportsTheZoneItsConfigurationNames()
    {
        var customer = Plans()[0];
        var configuration = new DeviceConfiguration(customer, new ConfigurationClock(Clock(), Day));
        var zone = PbxConfiguration.TimeZoneOf(customer);

        var hello = HelloFactory.Create(customer, Credentials(customer), customer.Servers, configuration.Hash(), zone);

        hello.System.TimeZone.ShouldBe(zone);
        Encoding.UTF8.GetString(configuration.Bytes()).Split('\n').ShouldContain($"timezone={zone}");
    }

    [Fact]
    public async Task Backup_WithoutTheConfigurationItem_HoldsNoConfigurationCfg()
    {
        var customer = Plans()[0];
        var archive = BackupArchive.For(customer, [1, 2, 3], ["voicemail"], null);
        using var file = new MemoryStream();

        await archive.WriteAsync(file, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        file.Position = 0;
        (await ReadEntriesAsync(file)).Keys.ShouldBe(["voicemail/messages.bin"]);
    }

    [Fact]
    public async Task Backup_PaddedTo50MB_IsWrittenIncrementally_AllocatingAFractionOfItsSize()
    {
        var customer = Plans()[0];
        var archive = BackupArchive.For(customer, new DeviceConfiguration(customer, new ConfigurationClock(Clock(), Day)).Bytes(),
            ["configuration"], FiftyMegabytes);
        var sink = new CountingSink();
        var before = GC.GetAllocatedBytesForCurrentThread();

        // The sink completes every write at once, so the whole archive is written on this thread before WriteAsync
        // returns, and this thread's allocations are all of it.
        var writing = archive.WriteAsync(sink, DateTimeOffset.UtcNow, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        writing.IsCompleted.ShouldBeTrue("the archive was written synchronously, so the allocation count covers all of it");
        await writing;
        sink.Total.ShouldBe(archive.Length);
        sink.Total.ShouldBeInRange(FiftyMegabytes - (64 * 1024), FiftyMegabytes + (64 * 1024), "padded to about the size asked for");
        sink.LargestWrite.ShouldBeLessThanOrEqualTo(1024 * 1024, "the archive reaches its stream in chunks, never as a whole");
        allocated.ShouldBeLessThan(4L * 1024 * 1024, "50 MB of backup must not be built in memory");
    }

    [Fact]
    public async Task Backup_ThroughASlowReader_NeverRunsAheadOfItByMoreThanThePipeHolds_AndReadsBackIntact()
    {
        const long pause = 256 * 1024;
        var customer = Plans()[1];
        var bytes = new DeviceConfiguration(customer, new ConfigurationClock(Clock(), Day)).Bytes();
        var archive = BackupArchive.For(customer, bytes, ["configuration", "voicemail"], 20L * 1024 * 1024);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: pause, resumeWriterThreshold: pause / 2));
        var written = new TransferMeter(pipe.Writer.AsStream(), _ => { });
        long aheadAtMost = 0;
        var read = new TransferMeter(pipe.Reader.AsStream(), received => aheadAtMost = Math.Max(aheadAtMost, written.Total - received));

        var writer = Task.Run(async () =>
        {
            await archive.WriteAsync(written, DateTimeOffset.UtcNow, CancellationToken.None);
            await pipe.Writer.CompleteAsync();
        });
        var entries = await ReadEntriesAsync(read);
        await writer;

        entries["configuration.cfg"].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        entries.Keys.ShouldBe(["configuration.cfg", "voicemail/messages.bin"], ignoreOrder: true);
        written.Total.ShouldBe(archive.Length);
        aheadAtMost.ShouldBeLessThanOrEqualTo(pause + (256 * 1024), "the writer waits for the reader instead of buffering the archive");
    }

    [Fact]
    public void Padding_IsDeterministic_AndReadableFromAnyPosition()
    {
        using var whole = new PseudoRandomStream(42, 1000);
        var all = new byte[1000];
        whole.ReadExactly(all);
        using var part = new PseudoRandomStream(42, 1000) { Position = 333 };
        var tail = new byte[667];
        part.ReadExactly(tail);

        tail.ShouldBe(all[333..]);
        all.Distinct().Count().ShouldBeGreaterThan(200, "noise, not a repeated byte");
        whole.Read(new byte[10]).ShouldBe(0, "the stream ends at its length");
    }

    /// <summary>Each entry's name and the SHA-256 of its data, reading the archive as a stream.</summary>
    private static async Task<Dictionary<string, string>> ReadEntriesAsync(Stream archive)
    {
        var entries = new Dictionary<string, string>();
        await using var tar = new TarReader(archive, leaveOpen: true);
        while (await tar.GetNextEntryAsync(copyData: false, TestContext.Current.CancellationToken) is { } entry)
        {
            entry.Format.ShouldBe(TarEntryFormat.Ustar);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[64 * 1024];
            if (entry.DataStream is { } data)
            {
                int n;
                while ((n = await data.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
                    sha.AppendData(buffer, 0, n);
            }
            entries[entry.Name] = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        return entries;
    }

    /// <summary>Counts what is written and keeps none of it; every write completes at once.</summary>
    private sealed class CountingSink : Stream
    {
        public long Total { get; private set; }

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Total;

        public override long Position { get => Total; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Total += buffer.Length;
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
