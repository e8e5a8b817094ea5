using Com.Grains.Alarms;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Alarms;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Customers;

/// <summary>Alarms the device raises and users clear (ADR 9).</summary>
public sealed partial class CustomerGrain
{
    public async Task<bool> ReportAlarmAsync(Guid linkId, AlarmReport alarm)
    {
        if (!Link.IsCurrent(linkId))
            return false;
        // Stored before the device hears its ack: an acknowledged alarm survives any silo's death.
        if (alarms.Propose(alarm, time.GetUtcNow()) is { } row)
        {
            if (alarms.IsFullFor(row))
            {
                if (alarms.OldestEnded() is not { } evicted)
                {
                    // Acknowledged all the same: the system would resend it forever, and nothing in it can be kept.
                    LogAlarmBoundReached(Id, AlarmBook.MaxRows);
                    return true;
                }
                await alarmStore.DeleteAsync(Id, [evicted.Key]);
                alarms.Remove([evicted.Key]);
            }
            await alarmStore.UpsertAsync(row);
            alarms.Commit(row);
            Publish();
        }
        return true;
    }

    public async Task<AlarmClearResult> ClearAlarmsAsync(Actor actor, AlarmKey[] keys)
    {
        await RequireAsync(actor, Capability.ClearAlarms);
        return await ClearAsync(keys);
    }

    public async Task<AlarmClearResult> ClearAlarmTypeAsync(Actor actor, AlarmCategory category)
    {
        await RequireAsync(actor, Capability.ClearAlarms);
        return await ClearAsync([.. alarms.KeysOf(category)]);
    }

    private async Task<AlarmClearResult> ClearAsync(AlarmKey[] keys)
    {
        var (clearable, ongoing) = alarms.Clearable(keys);
        if (clearable.Length > 0)
        {
            await alarmStore.DeleteAsync(Id, clearable);
            alarms.Remove(clearable);
            Publish();
        }
        return new AlarmClearResult(clearable.Length, ongoing);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId} raises more than {Bound} distinct ongoing alarms; new ones are not listed")]
    private partial void LogAlarmBoundReached(string customerId, int bound);
}
