using Com.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Com.Tests.Infrastructure;

/// <summary>An Orleans client of a cluster of <see cref="SiloProcess"/>es, found through their PostgreSQL membership.</summary>
public sealed class ExternalClusterClient : IAsyncDisposable
{
    private readonly IHost host;

    private ExternalClusterClient(IHost host) => this.host = host;

    public IGrainFactory Grains => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ExternalClusterClient> ConnectAsync(string connectionString)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o => { o.ClusterId = "com"; o.ServiceId = "com"; })
                .UseAdoNetClustering(o =>
                {
                    o.Invariant = ClusterHosting.NpgsqlInvariant;
                    o.ConnectionString = connectionString;
                }))
            .Build();
        await host.StartAsync();
        return new ExternalClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
