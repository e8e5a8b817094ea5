using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Com.Grains.Customers;

/// <summary>
/// Summary rows of every customer, in memory. Customer grains push changes; writes to PostgreSQL and notifications to
/// web fronts are coalesced on timers, so a burst of link changes costs one write and one message per interval.
/// </summary>
public sealed class CustomerDirectoryGrain : Grain, ICustomerDirectoryGrain
{
    private static readonly TimeSpan NotifyInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(2);

    private readonly IPersistentState<DirectoryState> state;
    private readonly ObserverManager<ICustomerDirectoryObserver> observers;
    private readonly Dictionary<string, CustomerSummary> pending = [];
    private readonly Guid activation = Guid.NewGuid();
    private bool dirty;
    private long batch;

    private DirectoryPosition Position => new(activation, batch);

    public CustomerDirectoryGrain(
        [PersistentState("customer-directory", ComStorage.Default)] IPersistentState<DirectoryState> state,
        ILogger<CustomerDirectoryGrain> logger)
    {
        this.state = state;
        observers = new ObserverManager<ICustomerDirectoryObserver>(TimeSpan.FromMinutes(5), logger);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(NotifyAsync, new GrainTimerCreationOptions(NotifyInterval, NotifyInterval) { Interleave = true });
        // Not interleaved: two writes in flight at once would carry the same ETag and one would fail.
        this.RegisterGrainTimer(SaveIfDirtyAsync, new GrainTimerCreationOptions(SaveInterval, SaveInterval));
        var endedCleanly = state.State.EndedCleanly;
        // Written before anything else happens, so that a crash of this activation is noticed by the next one.
        state.State.EndedCleanly = false;
        await state.WriteStateAsync(cancellationToken);
        if (!endedCleanly)
            AskCustomersForTheirRows();
    }

    /// <summary>
    /// After a crash, rows read back from storage may be a save interval old, and changes sent while the silo was dying
    /// were lost with it: every known customer sends its row again. After a clean end nothing was lost, and waking
    /// every customer would cost a call per customer for nothing. Names are written at once, so a customer created in
    /// the last seconds before the crash is known by its name even when its row was never saved.
    /// </summary>
    private void AskCustomersForTheirRows()
    {
        foreach (var id in state.State.Customers.Keys.Union(state.State.Names.Values))
            GrainFactory.GetGrain<ICustomerGrain>(CustomerIds.GrainKey(id)).RefreshDirectoryAsync().Ignore();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        state.State.EndedCleanly = true;
        await state.WriteStateAsync(cancellationToken);
    }

    public async Task<bool> ReserveNameAsync(string name, string customerId)
    {
        var key = NameKey(name);
        if (state.State.Names.TryGetValue(key, out var owner))
            return owner == customerId;
        state.State.Names[key] = customerId;
        // A reservation is written at once: two silos must never hand the same name out.
        await state.WriteStateAsync();
        dirty = false;
        return true;
    }

    public async Task ReleaseNameAsync(string name, string customerId)
    {
        var key = NameKey(name);
        var inUse = state.State.Customers.TryGetValue(customerId, out var existing) && NameKey(existing.Name) == key;
        if (state.State.Names.TryGetValue(key, out var owner) && owner == customerId && !inUse)
        {
            state.State.Names.Remove(key);
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> MoveNameAsync(string oldName, string oldId, string newName, string newId)
    {
        var (oldKey, newKey) = (NameKey(oldName), NameKey(newName));
        if (state.State.Names.TryGetValue(newKey, out var owner) && owner != oldId && owner != newId)
            return false;
        if (state.State.Names.TryGetValue(oldKey, out var previous) && previous == oldId)
            state.State.Names.Remove(oldKey);
        state.State.Names[newKey] = newId;
        await state.WriteStateAsync();
        dirty = false;
        return true;
    }

    public Task UpsertAsync(CustomerSummary summary)
    {
        if (summary.Removed)
            Remove(summary.Id);
        else
            state.State.Customers[summary.Id] = summary;
        pending[summary.Id] = summary;
        dirty = true;
        return Task.CompletedTask;
    }

    public Task<CustomerSummary[]> LinkedThroughAsync(string silo) =>
        Task.FromResult(state.State.Customers.Values.Where(c => c.Link?.Silo == silo).ToArray());

    public Task<CustomerSummary[]> ListAsync() => Task.FromResult(state.State.Customers.Values.ToArray());

    // Changes not yet sent in a batch are in the rows too: a copy loaded from here is ahead of them, never behind.
    public Task<DirectorySnapshot> SnapshotAsync() => Task.FromResult(new DirectorySnapshot(Position, state.State.Customers.Values.ToArray()));

    public Task<DirectoryPosition> SubscribeAsync(ICustomerDirectoryObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.FromResult(Position);
    }

    private void Remove(string id)
    {
        state.State.Customers.Remove(id);
        foreach (var name in state.State.Names.Where(n => n.Value == id).Select(n => n.Key).ToArray())
            state.State.Names.Remove(name);
    }

    /// <summary>Names are unique whatever their case and surrounding spaces.</summary>
    private static string NameKey(string name) => name.Trim().ToUpperInvariant();

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

    private async Task SaveIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (!dirty)
            return;
        dirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            dirty = true;
            throw;
        }
    }
}
