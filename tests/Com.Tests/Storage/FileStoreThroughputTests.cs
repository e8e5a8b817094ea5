using System.Diagnostics;
using Com.Storage.Files;
using Com.Tests.Infrastructure;
using Com.Tests.Storage.Files;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Com.Tests.Storage;

/// <summary>
/// A large file round trip, timed against a raw <c>COPY</c> of the same amount into a plain bytea table. It runs after
/// the parallel tests, which would otherwise share the database and both cores with it; the times are reported, not
/// judged, as the machine is shared (the benchmarks judge them).
/// </summary>
[Trait("Category", "Cluster")]
[Collection(nameof(AloneOnTheMachine))]
public sealed class FileStoreThroughputTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly NpgsqlDataSource dataSource = database.CreateDataSource();

    [Fact]
    public async Task Save_50MegabytesThenRead_GivesBackTheSameBytesAndHash()
    {
        const long length = 50L * MiB;
        var store = new PostgresFileStore(dataSource, new FakeTimeProvider(DateTimeOffset.UtcNow), new FileStoreOptions());
        var expected = await StoredChunks.Sha256Async(new GeneratedContentStream(length, seed: 50));
        // Both sides run once before they are timed, so neither pays for compiling its code or opening connections.
        await store.SaveAsync(new GeneratedContentStream(4 * MiB, seed: 49), new FileMetadata("test", "cust-1", "warm-up.bin"));
        var rawBefore = await RawCopyAsync(length, seed: 51);

        var saving = Stopwatch.StartNew();
        var file = await store.SaveAsync(new GeneratedContentStream(length, seed: 50), new FileMetadata("test", "cust-1", "big.bin"));
        saving.Stop();
        var reading = Stopwatch.StartNew();
        string read;
        await using (var content = await store.OpenReadAsync(file.Id))
            read = await StoredChunks.Sha256Async(content);
        reading.Stop();
        var rawAfter = await RawCopyAsync(length, seed: 52);

        file.Length.ShouldBe(length);
        file.Sha256.ShouldBe(expected, "the stored hash should be that of the content sent");
        read.ShouldBe(expected, "the content read back should be the content sent");
        var raw = (rawBefore + rawAfter) / 2;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"50 MiB: save {Rate(length, saving.Elapsed)}, read {Rate(length, reading.Elapsed)}, raw 1 MiB bytea COPY {Rate(length, raw)} " +
            $"(before {Rate(length, rawBefore)}, after {Rate(length, rawAfter)}); save / raw = {raw / saving.Elapsed:0.00}");
    }

    // The yardstick: the same amount of bytes copied into a plain bytea table, a MiB a row, with nothing else done.
    private async Task<TimeSpan> RawCopyAsync(long length, ulong seed)
    {
        await using (var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS raw_bytea (data bytea NOT NULL)"))
            await create.ExecuteNonQueryAsync();
        var buffer = new byte[MiB];
        var content = new GeneratedContentStream(length, seed);
        var clock = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync("COPY raw_bytea (data) FROM STDIN (FORMAT BINARY)"))
        {
            int count;
            while ((count = await content.ReadAsync(buffer)) > 0)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(new ArraySegment<byte>(buffer, 0, count), NpgsqlTypes.NpgsqlDbType.Bytea);
            }
            await copy.CompleteAsync();
        }
        return clock.Elapsed;
    }

    private static string Rate(long bytes, TimeSpan elapsed) => $"{bytes / (double)MiB / elapsed.TotalSeconds:0} MiB/s";

    public async ValueTask DisposeAsync() => await dataSource.DisposeAsync();
}
