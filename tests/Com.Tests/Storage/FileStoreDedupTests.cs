using Com.Storage.Files;
using Com.Tests.Infrastructure;
using Com.Tests.Storage.Files;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Com.Tests.Storage;

/// <summary>Content is stored once, however many files hold it: retained backups that barely change cost little more than one.</summary>
[Trait("Category", "Cluster")]
public sealed class FileStoreDedupTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncDisposable
{
    private const long TenMegabytes = 10L * 1024 * 1024;

    private readonly NpgsqlDataSource dataSource = database.CreateDataSource();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    private PostgresFileStore Store => new(dataSource, clock, new FileStoreOptions());

    [Fact]
    public async Task TwentyVersionsOfA10MegabyteFile_EachAFewBytesApart_CostWellUnderTwiceOne()
    {
        var random = new Random(20);
        var versions = new List<StoredFile>();
        for (var night = 0; night < 20; night++)
        {
            // Each night's configuration differs from the first in three bytes somewhere.
            var edits = night == 0 ? [] : Enumerable.Range(0, 3).ToDictionary(_ => random.NextInt64(TenMegabytes), _ => (byte)random.Next(256));
            versions.Add(await Store.SaveAsync(Version(edits), new FileMetadata("backup", "cust-dedup", $"night-{night}.cfg")));
        }

        var one = await StoredChunks.BytesOfFilesAsync(dataSource, [versions[0].Id]);
        var all = await StoredChunks.BytesOfFilesAsync(dataSource, versions.Select(v => v.Id));

        one.ShouldBe(TenMegabytes, "one version's chunks hold exactly its bytes");
        var ratio = all / (double)one;
        TestContext.Current.TestOutputHelper?.WriteLine($"20 versions of 10 MiB take {all / 1024.0 / 1024:0.00} MiB: {ratio:0.00} x one version");
        ratio.ShouldBeLessThan(1.5, "twenty versions a few bytes apart should share nearly all their chunks");
        versions.Select(v => v.Sha256).Distinct().Count().ShouldBe(20, "every version is different content");
    }

    [Fact]
    public async Task AVersionSharingChunks_ReadsBackAsItsOwnContent()
    {
        var edits = new Dictionary<long, byte> { [123_456] = 1, [5_000_000] = 2, [9_999_999] = 3 };
        await Store.SaveAsync(Version([]), new FileMetadata("backup", "cust-dedup-read", "base.cfg"));
        var edited = await Store.SaveAsync(Version(edits), new FileMetadata("backup", "cust-dedup-read", "edited.cfg"));

        await using var content = await Store.OpenReadAsync(edited.Id);

        (await StoredChunks.Sha256Async(content)).ShouldBe(await StoredChunks.Sha256Async(Version(edits)));
    }

    [Fact]
    public async Task SavingTheSameContentTwice_StoresNoNewChunk()
    {
        var first = await Store.SaveAsync(new GeneratedContentStream(3_000_000, seed: 21), new FileMetadata("log", "cust-twice", "a.log"));
        var chunksBefore = await CountChunksAsync();

        var second = await Store.SaveAsync(new GeneratedContentStream(3_000_000, seed: 21), new FileMetadata("log", "cust-twice", "b.log"));

        (await CountChunksAsync()).ShouldBe(chunksBefore, "the second copy should only reference the first one's chunks");
        second.Sha256.ShouldBe(first.Sha256);
        second.Id.ShouldNotBe(first.Id, "two saves are two files, whatever their content");
    }

    [Fact]
    public async Task TwoUploadsSharingChunksInOppositeOrders_BothStoreAtOnce()
    {
        // Each chunk is stored in a transaction per batch: two at once that took the same chunks in opposite orders
        // waited on each other until the database aborted one as a deadlock.
        for (var round = 0; round < 3; round++)
        {
            var segments = Enumerable.Range(0, 24).Select(i => RandomBytes(96 * 1024, seed: round * 100 + i)).ToList();
            var forward = segments.SelectMany(b => b).ToArray();
            var backward = Enumerable.Reverse(segments).SelectMany(b => b).ToArray();

            var saved = await Task.WhenAll(
                Store.SaveAsync(new MemoryStream(forward), new FileMetadata("backup", "cust-order", $"forward-{round}.cfg")),
                Store.SaveAsync(new MemoryStream(backward), new FileMetadata("backup", "cust-order", $"backward-{round}.cfg")));

            saved[0].Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(forward)));
            saved[1].Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(backward)));
            await using var content = await Store.OpenReadAsync(saved[1].Id);
            (await StoredChunks.Sha256Async(content)).ShouldBe(saved[1].Sha256, "the second file reads back as itself");
        }
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static GeneratedContentStream Version(Dictionary<long, byte> edits) => new(TenMegabytes, seed: 19) { Edits = edits };

    private async Task<long> CountChunksAsync() => (await dataSource.ReadColumnAsync<long>("SELECT count(*) FROM com_file_chunks")).Single();

    public async ValueTask DisposeAsync() => await dataSource.DisposeAsync();
}
