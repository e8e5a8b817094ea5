using Com.Grains.Interfaces.Backups;
using Com.Storage.Files;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Backups;

/// <summary>One system's backups (see <see cref="IBackupCatalogGrain"/>); retention runs on every addition.</summary>
public sealed partial class BackupCatalogGrain(
    [PersistentState("backups", ComStorage.Default)] IPersistentState<BackupCatalogState> state,
    IFileStore files,
    TimeProvider time,
    ILogger<BackupCatalogGrain> logger) : Grain, IBackupCatalogGrain
{
    private string Customer => this.GetPrimaryKeyString();

    public Task<BackupEntry[]> ListAsync() =>
        Task.FromResult(state.State.Backups.OrderByDescending(b => b.TakenAt).ToArray());

    public async Task AddAsync(BackupEntry entry, string? systemZone = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (state.State.Backups.Any(b => b.FileId == entry.FileId))
            return;
        if (systemZone is not null)
            state.State.TimeZone = systemZone;
        var all = state.State.Backups.Append(entry).ToList();
        var zone = SystemZones.Resolve(state.State.TimeZone);
        var decision = BackupRetention.Apply(all.Select(b => new BackupVersion(b.FileId.ToString(), b.TakenAt, b.Kind)), time.GetUtcNow(), zone);
        var pruned = decision.Prune.Select(v => Guid.Parse(v.Id)).ToHashSet();
        state.State.Backups = [.. all.Where(b => !pruned.Contains(b.FileId))];
        // Listed first: a crash between the two steps leaves unlisted files for the garbage collector, never a listed file without content.
        await state.WriteStateAsync();
        foreach (var fileId in pruned)
        {
            try
            {
                await files.DeleteAsync(fileId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPruneFailed(e, Customer, fileId);
            }
        }
        if (pruned.Count > 0)
            LogPruned(Customer, pruned.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backups of {Customer}: {Count} pruned by retention")]
    private partial void LogPruned(string customer, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backups of {Customer}: the pruned file {FileId} could not be deleted; it stays in the store unlisted")]
    private partial void LogPruneFailed(Exception exception, string customer, Guid fileId);
}
