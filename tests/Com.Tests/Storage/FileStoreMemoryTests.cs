using Com.Storage.Files;
using Com.Tests.Infrastructure;
using Com.Tests.Storage.Files;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Com.Tests.Storage;

/// <summary>
/// A file of any size passes through a few chunk buffers: the store borrows every buffer it uses from the pool it is
/// given, none larger than the largest chunk, and gives each back.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class FileStoreMemoryTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncDisposable
{
    private const long Length = 200L * 1024 * 1024;

    // Reading and chunking, the queue to the database, one batch being written: a few dozen chunks at the very most.
    private static readonly long MostBuffered = 40L * ChunkSizes.Default.Max;

    private readonly NpgsqlDataSource dataSource = database.CreateDataSource();
    private readonly RecordingArrayPool pool = new();

    [Fact]
    public async Task SavingAndReading200Megabytes_BorrowsNoBufferLargerThanAChunk_AndOnlyAFewAtOnce()
    {
        var store = new PostgresFileStore(dataSource, new FakeTimeProvider(DateTimeOffset.UtcNow), new FileStoreOptions(), pool);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var file = await store.SaveAsync(new GeneratedContentStream(Length, seed: 200), new FileMetadata("image", null, "firmware.bin"));
        var savedWith = (pool.LargestRequest, pool.MostLentAtOnce, pool.LentNow);
        string read;
        await using (var content = await store.OpenReadAsync(file.Id))
            read = await StoredChunks.Sha256Async(content);

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"largest buffer asked for {pool.LargestRequest / 1024} KiB, most lent at once {pool.MostLentAtOnce / 1024} KiB " +
            $"(saving {savedWith.MostLentAtOnce / 1024} KiB); managed heap after the round trip {retained / 1024} KiB above before");
        read.ShouldBe(file.Sha256, "the 200 MB file should read back whole");
        pool.LargestRequest.ShouldBeLessThanOrEqualTo(ChunkSizes.Default.Max, "no buffer may be larger than the largest chunk");
        pool.MostLentAtOnce.ShouldBeLessThanOrEqualTo(MostBuffered, "the store should hold a few chunks at a time, whatever the file size");
        savedWith.LentNow.ShouldBe(0, "saving should give back every buffer it borrowed");
        pool.LentNow.ShouldBe(0, "reading should give back every buffer it borrowed once the stream is disposed");
    }

    [Fact]
    public async Task AFailedUpload_GivesBackEveryBuffer()
    {
        var store = new PostgresFileStore(dataSource, new FakeTimeProvider(DateTimeOffset.UtcNow), new FileStoreOptions(), pool);
        var stream = new PausingStream(new GeneratedContentStream(8_000_000, seed: 201), 3_000_000);
        var saving = store.SaveAsync(stream, new FileMetadata("image", null, "torn.bin"));
        await Eventually.CompletesAsync(stream.Reached, "the upload to reach its pause");

        stream.Fail(new IOException("gone"));

        await Should.ThrowAsync<IOException>(() => saving);
        pool.LentNow.ShouldBe(0, "every chunk buffer of a failed upload should be back in the pool");
    }

    public async ValueTask DisposeAsync() => await dataSource.DisposeAsync();
}
