using Com.Storage.Files;
using Com.Tests.Infrastructure;
using Com.Tests.Storage.Files;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Com.Tests.Storage;

/// <summary>Files go in as streams and come back byte for byte, described as they were saved.</summary>
[Trait("Category", "Cluster")]
public sealed class FileStoreRoundTripTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource = database.CreateDataSource();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    private PostgresFileStore Store => new(dataSource, clock, new FileStoreOptions());

    [Fact]
    public async Task Save_EmptyContent_StoresAnEmptyFileThatReadsBackEmpty()
    {
        var file = await Store.SaveAsync(Stream.Null, new FileMetadata("test", null, "empty.txt"));

        file.Length.ShouldBe(0);
        file.Sha256.ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "SHA-256 of nothing");
        await using var content = await Store.OpenReadAsync(file.Id);
        (await content.ReadAsync(new byte[16])).ShouldBe(0);
    }

    [Fact]
    public async Task Get_ReturnsTheFileAsSaved()
    {
        var saved = await Store.SaveAsync(new GeneratedContentStream(300_000, seed: 7), new FileMetadata("backup", "cust-get", "nightly.tar"));

        var found = await Store.GetAsync(saved.Id);

        found.ShouldNotBeNull();
        found.ShouldBe(saved with { CreatedAt = found.CreatedAt });
        found.CreatedAt.ShouldBe(saved.CreatedAt, TimeSpan.FromMilliseconds(1), "PostgreSQL keeps microseconds");
    }

    [Fact]
    public async Task List_FiltersByOwnerAndCategory_NewestFirst()
    {
        var owner = $"cust-{Guid.NewGuid():N}";
        var older = await SaveSmallAsync("backup", owner, "monday.tar");
        clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await SaveSmallAsync("backup", owner, "tuesday.tar");
        var log = await SaveSmallAsync("log", owner, "system.log");
        await SaveSmallAsync("backup", $"{owner}-other", "other.tar");

        var backups = await Store.ListAsync(new FileQuery("backup", owner));
        var everything = await Store.ListAsync(new FileQuery(Owner: owner));

        backups.Select(f => f.Name).ShouldBe(["tuesday.tar", "monday.tar"], "only this owner's backups, newest first");
        everything.Select(f => f.Id).ShouldBe([log.Id, newer.Id, older.Id], ignoreOrder: true);
        (await Store.ListAsync(new FileQuery("backup", owner, Limit: 1))).Single().Id.ShouldBe(newer.Id);
    }

    [Fact]
    public async Task AnUnknownId_IsNoSuchFile_ForEveryOperation()
    {
        var unknown = Guid.NewGuid();

        (await Store.GetAsync(unknown)).ShouldBeNull();
        (await Store.DeleteAsync(unknown)).ShouldBeFalse();
        var error = await Should.ThrowAsync<StoredFileNotFoundException>(() => Store.OpenReadAsync(unknown));
        error.Message.ShouldContain(unknown.ToString());
        error.Id.ShouldBe(unknown);
        await Should.ThrowAsync<StoredFileNotFoundException>(() => Store.OpenReadAsync(Guid.Empty));
    }

    [Fact]
    public async Task AFileDeleted_IsNoSuchFileAfterwards()
    {
        var file = await SaveSmallAsync("test", null, "gone.txt");

        (await Store.DeleteAsync(file.Id)).ShouldBeTrue();

        (await Store.GetAsync(file.Id)).ShouldBeNull();
        await Should.ThrowAsync<StoredFileNotFoundException>(() => Store.OpenReadAsync(file.Id));
    }

    [Fact]
    public async Task AFileDeletedWhileBeingRead_FailsTheReadSayingSo()
    {
        // 4 MB is about 55 chunks, more than one fetch of 16.
        var file = await Store.SaveAsync(new GeneratedContentStream(4_000_000, seed: 9), new FileMetadata("test", null, "read-then-gone.bin"));
        await using var content = await Store.OpenReadAsync(file.Id);
        (await content.ReadAsync(new byte[1000])).ShouldBeGreaterThan(0);

        await Store.DeleteAsync(file.Id);

        var error = await Should.ThrowAsync<IOException>(() => content.CopyToAsync(Stream.Null));
        error.Message.ShouldContain("deleted while being read");
    }

    [Theory]
    [InlineData("", "name.txt")]
    [InlineData("backup", " ")]
    public async Task Save_WithoutACategoryOrName_IsRefusedBeforeAnythingIsRead(string category, string name)
    {
        var content = new GeneratedContentStream(1000, seed: 8);

        await Should.ThrowAsync<ArgumentException>(() => Store.SaveAsync(content, new FileMetadata(category, null, name)));

        content.Position.ShouldBe(0);
    }

    private Task<StoredFile> SaveSmallAsync(string category, string? owner, string name) =>
        Store.SaveAsync(new GeneratedContentStream(20_000, seed: (ulong)name.Length), new FileMetadata(category, owner, name));

    public async ValueTask DisposeAsync() => await dataSource.DisposeAsync();
}
