using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Com.WebFront.Customers;

/// <summary>
/// This web process's copy of the customer directory, kept current by the directory grain's change notifications, so
/// every page and circuit reads memory instead of calling the cluster. One subscription per process, renewed before it expires.
/// </summary>
public sealed partial class CustomerDirectoryFeed(IGrainFactory grains, ILogger<CustomerDirectoryFeed> logger)
    : BackgroundService, ICustomerDirectoryObserver
{
    private static readonly TimeSpan Renewal = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private Dictionary<string, CustomerSummary> customers = [];

    /// <summary>Raised (on a pool thread) after rows changed.</summary>
    public event Action? Changed;

    public bool Loaded { get; private set; }

    public IReadOnlyList<CustomerSummary> Snapshot()
    {
        lock (gate)
            return [.. customers.Values];
    }

    public Task ChangedAsync(CustomerSummary[] changed)
    {
        lock (gate)
            foreach (var summary in changed)
                customers[summary.Id] = summary;
        Changed?.Invoke();
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directory = grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key);
        var reference = grains.CreateObjectReference<ICustomerDirectoryObserver>(this);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await directory.SubscribeAsync(reference);
                // A full reload after each renewal repairs anything missed while the directory moved or restarted.
                var all = await directory.ListAsync();
                lock (gate)
                    customers = all.ToDictionary(c => c.Id);
                Loaded = true;
                Changed?.Invoke();
                await Task.Delay(Renewal, stoppingToken);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
            {
                LogUnavailable(e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
        grains.DeleteObjectReference<ICustomerDirectoryObserver>(reference);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer directory unavailable, retrying: {Reason}")]
    private partial void LogUnavailable(string reason);
}
