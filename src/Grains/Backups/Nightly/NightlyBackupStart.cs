using Com.Grains.Interfaces.Backups;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Backups.Nightly;

/// <summary>
/// Wakes the nightly scheduler when a silo starts, so a new cluster needs no first sweep by hand. A failure is logged
/// and does not stop the silo: the scheduler's reminder, or the next silo to start, wakes it.
/// </summary>
public sealed partial class NightlyBackupStart(IGrainFactory grains, ILogger<NightlyBackupStart> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<INightlyBackupGrain>(INightlyBackupGrain.Key).StartAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStartFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The nightly backup scheduler could not be started; its reminder or the next silo's start will")]
    private partial void LogStartFailed(Exception exception);
}
