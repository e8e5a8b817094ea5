using Com.Storage.Files;
using Com.Tests.Infrastructure;
using Com.Tests.Storage.Files;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Com.Tests.Storage;

/// <summary>
/// What an upload leaves when it fails, what deleting frees, and why garbage collection never takes a chunk an upload
/// still needs: each upload touches its chunks, and collection spares anything touched within the grace period.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class FileStoreGarbageTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncDisposable
{
    private static readonly TimeSpan Grace = new FileStoreOptions().ChunkGracePeriod;

    private readonly NpgsqlDataSource dataSource = database.CreateDataSource();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly string owner = $"cust-{Guid.NewGuid():N}";

    private PostgresFileStore Store => new(dataSource, clock, new FileStoreOptions());

    [Fact]
    public async Task AnUploadWhoseStreamFails_ListsNothing_AndCollectionRemovesItsChunks()
    {
        var (upload, written) = await StartUploadPausedAsync(seed: 30);

        upload.Stream.Fail(new IOException("connection reset by the device"));

        var error = await Should.ThrowAsync<IOException>(() => upload.Saving);
        error.Message.ShouldContain("connection reset", customMessage: "the caller should see why the upload failed");
        (await Store.ListAsync(new FileQuery(Owner: owner))).ShouldBeEmpty("a torn upload must leave no file listed");
        (await StoredChunks.CountPresentAsync(dataSource, written)).ShouldBe(written.Count, "its chunks stay until collected");
        clock.Advance(Grace + TimeSpan.FromSeconds(1));
        var collected = await Store.CollectGarbageAsync();
        (await StoredChunks.CountPresentAsync(dataSource, written)).ShouldBe(0, "collection should remove every chunk the torn upload wrote");
        collected.Chunks.ShouldBeGreaterThanOrEqualTo(written.Count);
    }

    [Fact]
    public async Task ACancelledUpload_ListsNothing_AndCollectionRemovesItsChunks()
    {
        using var cancel = new CancellationTokenSource();
        var (upload, written) = await StartUploadPausedAsync(seed: 31, cancel.Token);

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => upload.Saving);
        (await Store.ListAsync(new FileQuery(Owner: owner))).ShouldBeEmpty("a cancelled upload must leave no file listed");
        clock.Advance(Grace + TimeSpan.FromSeconds(1));
        await Store.CollectGarbageAsync();
        (await StoredChunks.CountPresentAsync(dataSource, written)).ShouldBe(0);
    }

    [Fact]
    public async Task DeleteThenCollect_FreesTheFilesOwnChunks_AndKeepsThoseAnotherFileShares()
    {
        // The short file is the long one's beginning: all its chunks but the last are shared.
        var shortFile = await Store.SaveAsync(new GeneratedContentStream(3_000_000, seed: 32), new FileMetadata("backup", owner, "short"));
        var longFile = await Store.SaveAsync(new GeneratedContentStream(6_000_000, seed: 32), new FileMetadata("backup", owner, "long"));
        var shortChunks = StoredChunks.HashesOf(new GeneratedContentStream(3_000_000, seed: 32));
        var longChunks = StoredChunks.HashesOf(new GeneratedContentStream(6_000_000, seed: 32));
        var shared = shortChunks.Where(s => longChunks.Any(l => l.SequenceEqual(s))).ToList();
        var own = shortChunks.Except(shared).ToList();
        shared.Count.ShouldBeGreaterThan(10, "the test needs chunks the two files share");
        own.Count.ShouldBe(1, "the short file's last chunk ends where the long file's does not");

        await Store.DeleteAsync(shortFile.Id);
        clock.Advance(Grace + TimeSpan.FromSeconds(1));
        await Store.CollectGarbageAsync();

        (await StoredChunks.CountPresentAsync(dataSource, own)).ShouldBe(0, "the deleted file's own chunk should be freed");
        (await StoredChunks.CountPresentAsync(dataSource, shared)).ShouldBe(shared.Count, "chunks the other file references must stay");
        await using var content = await Store.OpenReadAsync(longFile.Id);
        (await StoredChunks.Sha256Async(content)).ShouldBe(longFile.Sha256);
    }

    [Fact]
    public async Task Collection_OfMoreChunksThanOneBatch_FreesThemAll()
    {
        const long length = 48L * 1024 * 1024;
        var file = await Store.SaveAsync(new GeneratedContentStream(length, seed: 36), new FileMetadata("log", owner, "big.log"));
        var chunks = StoredChunks.HashesOf(new GeneratedContentStream(length, seed: 36));
        chunks.Count.ShouldBeGreaterThan(500, "the file should need more than one collection batch");

        await Store.DeleteAsync(file.Id);
        clock.Advance(Grace + TimeSpan.FromSeconds(1));
        var collected = await Store.CollectGarbageAsync();

        (await StoredChunks.CountPresentAsync(dataSource, chunks)).ShouldBe(0, "every batch of the collection should have run");
        collected.Bytes.ShouldBeGreaterThanOrEqualTo(length);
    }

    [Fact]
    public async Task Collection_SparesTheChunksOfAnUploadStillRunning()
    {
        var (upload, written) = await StartUploadPausedAsync(seed: 33);

        clock.Advance(Grace - TimeSpan.FromMinutes(1));
        await Store.CollectGarbageAsync();
        upload.Stream.Resume();
        var file = await upload.Saving;

        (await StoredChunks.CountPresentAsync(dataSource, written)).ShouldBe(written.Count, "chunks within the grace period must survive collection");
        await using var content = await Store.OpenReadAsync(file.Id);
        (await StoredChunks.Sha256Async(content)).ShouldBe(file.Sha256, "the upload that paused across a collection should read back whole");
    }

    [Fact]
    public async Task AnUploadReusingChunksAboutToBeCollected_KeepsThem()
    {
        var first = await Store.SaveAsync(new GeneratedContentStream(2_000_000, seed: 34), new FileMetadata("backup", owner, "first"));
        await Store.DeleteAsync(first.Id);
        clock.Advance(Grace + TimeSpan.FromSeconds(1));

        var again = await Store.SaveAsync(new GeneratedContentStream(2_000_000, seed: 34), new FileMetadata("backup", owner, "again"));
        await Store.CollectGarbageAsync();

        var chunks = StoredChunks.HashesOf(new GeneratedContentStream(2_000_000, seed: 34));
        (await StoredChunks.CountPresentAsync(dataSource, chunks)).ShouldBe(chunks.Count, "reusing a chunk touches it, so collection must spare it");
        await using var content = await Store.OpenReadAsync(again.Id);
        (await StoredChunks.Sha256Async(content)).ShouldBe(again.Sha256);
    }

    [Fact]
    public async Task AnUploadOutlastingTheGracePeriod_FailsClearly_AndListsNothing()
    {
        var (upload, written) = await StartUploadPausedAsync(seed: 35);
        clock.Advance(Grace + TimeSpan.FromSeconds(1));
        await Store.CollectGarbageAsync();
        (await StoredChunks.CountPresentAsync(dataSource, written)).ShouldBe(0, "the stalled upload's chunks are past the grace period");

        upload.Stream.Resume();

        var error = await Should.ThrowAsync<IOException>(() => upload.Saving);
        error.Message.ShouldContain("grace period");
        (await Store.ListAsync(new FileQuery(Owner: owner))).ShouldBeEmpty("a manifest naming a collected chunk must not commit");
    }

    /// <summary>
    /// Starts saving 8 MB that stops after 4 MB, and returns once every chunk complete by then is in the database,
    /// with those chunks' hashes.
    /// </summary>
    private async Task<(PausedUpload Upload, List<byte[]> Written)> StartUploadPausedAsync(ulong seed, CancellationToken cancellation = default)
    {
        const long pauseAt = 4_000_000;
        var stream = new PausingStream(new GeneratedContentStream(8_000_000, seed), pauseAt);
        var saving = Task.Run(() => Store.SaveAsync(stream, new FileMetadata("backup", owner, $"paused-{seed}"), cancellation), cancellation);
        await Eventually.CompletesAsync(stream.Reached, "the upload to reach its pause");
        var written = StoredChunks.HashesOf(new GeneratedContentStream(pauseAt, seed)).SkipLast(1).ToList();
        await Eventually.TrueAsync(async () => await StoredChunks.CountPresentAsync(dataSource, written) == written.Count);
        return (new PausedUpload(stream, saving), written);
    }

    private sealed record PausedUpload(PausingStream Stream, Task<StoredFile> Saving);

    public async ValueTask DisposeAsync() => await dataSource.DisposeAsync();
}
