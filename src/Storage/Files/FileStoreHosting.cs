using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Com.Storage.Files;

public static class FileStoreHosting
{
    /// <summary>The file store on COM's database (needs an <see cref="NpgsqlDataSource"/> service), settings from <c>Com:Files</c>.</summary>
    public static IServiceCollection AddComFileStore(this IServiceCollection services)
    {
        services.AddOptions<FileStoreOptions>().BindConfiguration(FileStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFileStore>(sp => new PostgresFileStore(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        return services;
    }
}
