using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Com.Overview.Customers;

/// <summary>
/// This web process's copy of the customer directory, kept current by the directory grain's numbered change batches,
/// so every page and circuit reads memory instead of calling the cluster. One subscription per process, renewed every
/// few seconds; a missed batch, a batch that never comes or a new directory activation reloads the whole copy.
/// </summary>
public sealed partial class CustomerDirectoryFeed(IGrainFactory grains, ILogger<CustomerDirectoryFeed> logger)
    : BackgroundService, ICustomerDirectoryObserver
{
    // Renewing often is what notices, within seconds, that the directory moved or that a batch was lost.
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FullReload = TimeSpan.FromMinutes(5);
    private readonly Lock gate = new();
    private Dictionary<string, CustomerSummary> customers = [];
    private DirectoryPosition? applied;
    private bool missedBatch;

    private readonly ContextBoundEvent<Action<DirectoryChange>> changedHandlers = new();

    /// <summary>
    /// Raised (on a pool thread) after rows changed, naming the customers that did; a full reload names everyone. Each
    /// handler runs in the execution context it subscribed from, so a page redraws in its circuit's culture.
    /// </summary>
    public event Action<DirectoryChange>? Changed
    {
        add => changedHandlers.Add(value);
        remove => changedHandlers.Remove(value);
    }

    public bool Loaded { get; private set; }

    /// <summary>A batch was skipped since the last reload: the next renewal reloads everything.</summary>
    internal bool MissedBatch
    {
        get
        {
            lock (gate)
                return missedBatch;
        }
    }

    public IReadOnlyList<CustomerSummary> Snapshot()
    {
        lock (gate)
            return [.. customers.Values];
    }

    /// <summary>One customer's row as this copy holds it, or null.</summary>
    public CustomerSummary? Find(string customerId)
    {
        lock (gate)
            return customers.GetValueOrDefault(customerId);
    }

    public Task ChangedAsync(CustomerSummary[] changed, DirectoryPosition position)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var alarmListRows = new List<CustomerSummary>();
        lock (gate)
        {
            // Batches of another activation, or older than what the copy holds, would only take rows back in time.
            if (applied is null || position.Activation != applied.Activation || position.Batch <= applied.Batch)
                return Task.CompletedTask;
            missedBatch |= position.Batch != applied.Batch + 1;
            foreach (var summary in changed)
            {
                var before = customers.GetValueOrDefault(summary.Id);
                var after = summary.Removed ? null : summary;
                if (after is null)
                    customers.Remove(summary.Id);
                else
                    customers[summary.Id] = after;
                ids.Add(summary.Id);
                if (AlarmListRelevance.Changed(before, after))
                    alarmListRows.AddRange(new[] { before, after }.OfType<CustomerSummary>());
            }
            applied = position;
        }
        var change = DirectoryChange.Of(ids, alarmListRows);
        changedHandlers.Raise(handler => handler(change));
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directory = grains.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key);
        var reference = grains.CreateObjectReference<ICustomerDirectoryObserver>(this);
        var reloaded = DateTime.MinValue;
        long? awaited = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var current = await directory.SubscribeAsync(reference);
                bool stale;
                lock (gate)
                {
                    // A batch the directory had sent at the last renewal and that still has not come was lost on the way.
                    var lost = awaited is { } batch && (applied?.Batch ?? 0) < batch;
                    stale = applied?.Activation != current.Activation || missedBatch || lost || DateTime.UtcNow - reloaded > FullReload;
                    awaited = current.Batch > (applied?.Batch ?? 0) ? current.Batch : null;
                }
                if (stale)
                {
                    await ReloadAsync(directory);
                    reloaded = DateTime.UtcNow;
                    awaited = null;
                }
                await Task.Delay(Renewal, stoppingToken);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
            {
                LogUnavailable(e);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
        grains.DeleteObjectReference<ICustomerDirectoryObserver>(reference);
    }

    internal async Task ReloadAsync(ICustomerDirectoryGrain directory)
    {
        var snapshot = await directory.SnapshotAsync();
        lock (gate)
        {
            customers = snapshot.Customers.ToDictionary(c => c.Id);
            applied = snapshot.Position;
            missedBatch = false;
        }
        Loaded = true;
        changedHandlers.Raise(static handler => handler(DirectoryChange.Everything));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer directory unavailable, retrying")]
    private partial void LogUnavailable(Exception exception);
}
