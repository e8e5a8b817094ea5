using Com.Grains.Interfaces.Customers;
using Com.Storage.Customers;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Utilities;

namespace Com.Grains.Customers;

/// <summary>
/// Summary rows of every customer, in memory and in <c>com_customer_rows</c> (ADR 11). A customer's change is
/// acknowledged once its row is written; writes of many customers share one round trip every few milliseconds, and
/// only rows that changed are written, so a new customer or a link storm never rewrites the fleet. Notifications to
/// web fronts are coalesced the same way.
/// </summary>
/// <remarks>Reentrant: an upsert waits for the write that carries it while others join the next one.</remarks>
[Reentrant]
public sealed partial class CustomerDirectoryGrain(
    [PersistentState("customer-directory", ComStorage.Default)] IPersistentState<DirectoryState> legacy,
    CustomerRowStore store,
    CustomerNameStore names,
    Serializer<CustomerSummary> serializer,
    ILogger<CustomerDirectoryGrain> logger) : Grain, ICustomerDirectoryGrain
{
    private static readonly TimeSpan NotifyInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(50);
    // Passes over about three minutes. A quiet cluster forgets a dead silo's activations within seconds, but on loaded
    // cores declaring a silo dead has taken over 30 s, and a CI run lost a row when five passes over 30 s ran out.
    private const int CatchUpAttempts = 20;
    private static readonly TimeSpan CatchUpPause = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LongestCatchUpPause = TimeSpan.FromSeconds(10);

    // The name under which Orleans stores customer grains' state (orleans_storage.grain_type_string).
    private const string CustomerGrainType = "customer";

    private readonly ObserverManager<ICustomerDirectoryObserver> observers = new(TimeSpan.FromMinutes(5), logger);
    private readonly Dictionary<string, CustomerSummary> customers = [];
    private readonly Dictionary<string, CustomerSummary> pending = [];
    private readonly Guid activation = Guid.NewGuid();
    private RowWriter writer = null!;
    private long batch;

    private DirectoryPosition Position => new(activation, batch);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LegacyDirectoryImport.ImportAsync(legacy, store, names, serializer, logger, cancellationToken);
        await foreach (var bytes in store.ReadAllAsync(cancellationToken))
        {
            var summary = serializer.Deserialize(bytes)!;
            customers[summary.Id] = summary;
        }
        writer = new RowWriter(store, ToRow, logger);
        LogLoaded(customers.Count);
        CatchUpInBackground();
        this.RegisterGrainTimer(NotifyAsync, new GrainTimerCreationOptions(NotifyInterval, NotifyInterval) { Interleave = true });
        this.RegisterGrainTimer(writer.WriteDueAsync, new GrainTimerCreationOptions(WriteInterval, WriteInterval) { Interleave = true });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        writer.FlushAsync(cancellationToken);

    public Task UpsertAsync(CustomerSummary summary)
    {
        if (customers.TryGetValue(summary.Id, out var known))
        {
            if (!summary.Supersedes(known))
            {
                // Acknowledged all the same: the sender's state is older than what the list shows, and must not win.
                LogStaleRow(summary.Id, summary.Revision, known.Revision);
                return Task.CompletedTask;
            }
            if (writer.IsSettled(summary.Id) && SameRow(known, summary))
                return Task.CompletedTask;
        }
        if (summary.Removed)
            customers.Remove(summary.Id);
        else
            customers[summary.Id] = summary;
        pending[summary.Id] = summary;
        return writer.Enqueue(summary);
    }

    // Changes not yet sent in a batch are in the rows too: a copy loaded from here is ahead of them, never behind.
    public Task<DirectorySnapshot> SnapshotAsync() => Task.FromResult(new DirectorySnapshot(Position, customers.Values.ToArray()));

    public Task<CustomerSummary?> GetAsync(string customerId) =>
        Task.FromResult(customers.TryGetValue(customerId, out var summary) ? summary : null);

    public Task<Dictionary<TrafficLight, int>> CountByLightAsync() =>
        Task.FromResult(customers.Values.GroupBy(c => c.Connectivity.Light).ToDictionary(g => g.Key, g => g.Count()));

    public Task<BackupCandidate[]> BackupCandidatesAsync() => Task.FromResult(
        customers.Values
            .Where(c => c.Flags?.RemoteUpgradeBackup == true && !MonitorOnly.Applies(c.Profile, c.Version))
            .Select(c => new BackupCandidate(c.Id, c.TimeZone, c.Profile))
            .ToArray());

    public Task<CustomerPartners> PartnersAsync() => Task.FromResult(new CustomerPartners(
        Distinct(customers.Values.Select(c => c.Reseller)), Distinct(customers.Values.Select(c => c.Distributor))));

    private static string[] Distinct(IEnumerable<string?> names) =>
        [.. names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    public Task<DirectoryPosition> SubscribeAsync(ICustomerDirectoryObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.FromResult(Position);
    }

    /// <summary>
    /// Rows a dead directory had not written are sent again by their customers, unless those died with it: the customers
    /// whose state is newer than their row are asked, a few at a time, in the background. Usually there are none.
    /// </summary>
    private void CatchUpInBackground() => _ = CatchUpAsync();

    private async Task CatchUpAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var behind = await store.BehindTheirStateAsync(CustomerGrainType, CustomerIds.GrainKey(""));
                if (behind.Count == 0)
                    return;
                LogCatchingUp(behind.Count);
                foreach (var some in behind.Chunk(16))
                    await Task.WhenAll(some.Select(id => GrainFactory.GetGrain<ICustomerRowSource>(CustomerIds.GrainKey(id)).RefreshDirectoryAsync()));
                return;
            }
            catch (Exception e) when (attempt < CatchUpAttempts)
            {
                // Right after a failover the customers that died with the directory may still be registered on the dead
                // silo for a moment; they answer once the cluster has cleaned up, so the pass is worth repeating.
                var pause = TimeSpan.FromTicks(Math.Min(CatchUpPause.Ticks * attempt, LongestCatchUpPause.Ticks));
                LogCatchUpRetrying(e, attempt, pause);
                await Task.Delay(pause);
            }
            catch (Exception e)
            {
                // The rows stay as they are until those customers change next; nothing else depends on this pass.
                LogCatchUpFailed(e);
                return;
            }
        }
    }

    // A new revision is a new row. Within one, rows are compared as stored: records compare their lists (tags, assigned
    // users) by reference, so equal rows would differ.
    private bool SameRow(CustomerSummary known, CustomerSummary summary) =>
        known.Revision == summary.Revision
        && serializer.SerializeToArray(known).AsSpan().SequenceEqual(serializer.SerializeToArray(summary));

    private CustomerRow ToRow(CustomerSummary summary) => RowOf(summary, serializer);

    /// <summary>A summary as <c>com_customer_rows</c> stores it, with the columns targeted queries filter on.</summary>
    internal static CustomerRow RowOf(CustomerSummary summary, Serializer<CustomerSummary> serializer) => new(
        summary.Id,
        summary.Link?.Silo,
        summary.Link?.LinkId,
        [.. summary.OperatorList.Select(o => o.ToLowerInvariant())],
        serializer.SerializeToArray(summary));

    private Task NotifyAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
            return Task.CompletedTask;
        var changed = pending.Values.ToArray();
        pending.Clear();
        batch++;
        var position = Position;
        observers.ClearExpired();
        observers.Notify(o => o.ChangedAsync(changed, position));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Row of customer {CustomerId} at revision {Revision} ignored: the directory holds revision {Held}")]
    private partial void LogStaleRow(string customerId, long revision, long held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asking {Count} customers whose state is newer than their directory row to send it again")]
    private partial void LogCatchingUp(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up directory rows older than their customers' state failed (pass {Attempt}); trying again in {Pause}")]
    private partial void LogCatchUpRetrying(Exception exception, int attempt, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up directory rows older than their customers' state failed")]
    private partial void LogCatchUpFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer directory activated with {Count} rows")]
    private partial void LogLoaded(int count);
}
