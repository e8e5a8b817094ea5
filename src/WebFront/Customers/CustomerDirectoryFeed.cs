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
    // Renewing often is what notices, within seconds, that the directory moved to another silo and forgot its subscribers.
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FullReload = TimeSpan.FromMinutes(5);
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
        Guid? activation = null;
        var reloaded = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var current = await directory.SubscribeAsync(reference);
                // A new directory activation, or a long time since the last reload: reload everything, repairing whatever was missed.
                if (current != activation || DateTime.UtcNow - reloaded > FullReload)
                {
                    var all = await directory.ListAsync();
                    lock (gate)
                        customers = all.ToDictionary(c => c.Id);
                    activation = current;
                    reloaded = DateTime.UtcNow;
                    Loaded = true;
                    Changed?.Invoke();
                }
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
