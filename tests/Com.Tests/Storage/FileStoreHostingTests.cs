using Com.Grains;
using Com.Storage.Files;
using Com.Tests.Infrastructure;
using Com.Tests.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Com.Tests.Storage;

/// <summary>Grains and later features find the file store among the silo's services, with its settings bound.</summary>
[Trait("Category", "Cluster")]
public sealed class FileStoreHostingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task ASilosServices_OfferTheFileStore_OnCOMsDatabase_WithItsSettings()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"{FileStoreOptions.Section}:ChunkGracePeriod"] = "02:00:00";
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(database.ConnectionString));
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddComGrains());
        using var host = builder.Build();

        var store = host.Services.GetRequiredService<IFileStore>();
        var saved = await store.SaveAsync(new GeneratedContentStream(100_000, seed: 40), new FileMetadata("test", null, "hosted.bin"));

        store.ShouldBeOfType<PostgresFileStore>();
        host.Services.GetRequiredService<IOptions<FileStoreOptions>>().Value.ChunkGracePeriod.ShouldBe(TimeSpan.FromHours(2));
        (await store.GetAsync(saved.Id)).ShouldNotBeNull("the registered store should use the silo's database");
    }
}
