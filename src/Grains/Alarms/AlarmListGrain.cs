using Com.Grains.Interfaces.Alarms;
using Com.Storage.Alarms;
using Orleans.Concurrency;

namespace Com.Grains.Alarms;

/// <summary>Answers alarm list queries from PostgreSQL on the caller's own silo: no state, so any silo can.</summary>
[StatelessWorker]
public sealed class AlarmListGrain(AlarmStore store) : Grain, IAlarmListGrain
{
    public Task<AlarmListPage> QueryAsync(AlarmListQuery query) => store.QueryAsync(query);
}
