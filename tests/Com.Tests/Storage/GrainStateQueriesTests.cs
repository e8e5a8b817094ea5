using Com.Tests.Infrastructure;
using NpgsqlTypes;

namespace Com.Tests.Storage;

/// <summary>The grain-state statements Orleans runs, with the parameters it sends: versions decide who may write.</summary>
[Trait("Category", "Cluster")]
public sealed class GrainStateQueriesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly long grainKey = Random.Shared.NextInt64();

    private (string, object?)[] Identity(params (string, object?)[] extra) =>
    [
        ("GrainIdHash", 12345), ("GrainIdN0", 0L), ("GrainIdN1", grainKey), ("GrainTypeHash", 678),
        ("GrainTypeString", "preferences"), ("GrainIdExtensionString", new TypedNull(NpgsqlDbType.Text)), ("ServiceId", "com-tests"),
        .. extra,
    ];

    private static (string, object?) Version(int? version) =>
        ("GrainStateVersion", version is null ? new TypedNull(NpgsqlDbType.Integer) : version.Value);

    private Task<List<Dictionary<string, object?>>> WriteAsync(int? version, byte[] payload) =>
        OrleansQueries.ReadAsync(database, "WriteToStorageKey", Identity(Version(version), ("PayloadBinary", payload)));

    [Fact]
    public async Task Write_FirstTimeThenWithItsVersion_StoresEachPayloadWithANewVersion()
    {
        var first = await WriteAsync(null, [1]);
        var second = await WriteAsync((int)first.Single()["newgrainstateversion"]!, [2]);

        var read = await OrleansQueries.ReadAsync(database, "ReadFromStorageKey", Identity());
        ((int)second.Single()["newgrainstateversion"]!).ShouldBeGreaterThan((int)first.Single()["newgrainstateversion"]!);
        ((byte[])read.Single()["payloadbinary"]!).ShouldBe(new byte[] { 2 });
    }

    [Fact]
    public async Task Write_TwoFirstWritesRacing_OnlyOneLands()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => WriteAsync(null, [(byte)i]))));

        results.Count(r => r.Count == 1).ShouldBe(1, "a second first-write is a conflict: no row back");
        (await OrleansQueries.ReadAsync(database, "ReadFromStorageKey", Identity())).Count.ShouldBe(1, "the state must exist exactly once");
    }

    [Fact]
    public async Task Write_WithAStaleVersion_IsRefusedAndKeepsTheNewerState()
    {
        var created = (int)(await WriteAsync(null, [1])).Single()["newgrainstateversion"]!;
        await WriteAsync(created, [2]);

        var stale = await WriteAsync(created, [3]);

        stale.ShouldBeEmpty("a writer holding an old version must get no new version back");
        var read = await OrleansQueries.ReadAsync(database, "ReadFromStorageKey", Identity());
        ((byte[])read.Single()["payloadbinary"]!).ShouldBe(new byte[] { 2 });
    }

    [Fact]
    public async Task Clear_KeepsTheRowWithoutPayloadAndMovesTheVersionOn()
    {
        var created = (int)(await WriteAsync(null, [1])).Single()["newgrainstateversion"]!;

        var cleared = await OrleansQueries.ReadAsync(database, "ClearStorageKey", Identity(Version(created)));

        var read = (await OrleansQueries.ReadAsync(database, "ReadFromStorageKey", Identity())).Single();
        read["payloadbinary"].ShouldBeNull();
        ((int)read["version"]!).ShouldBe((int)cleared.Single()["version"]!);
        ((int)read["version"]!).ShouldBeGreaterThan(created);
    }
}
