using Com.Grains.Interfaces.Jobs;
using Com.Storage.Jobs;
using Orleans.Concurrency;

namespace Com.Grains.Jobs;

/// <summary>Answers job list and dashboard queries from PostgreSQL on the caller's own silo: no state, so any silo can.</summary>
[StatelessWorker]
public sealed class JobListGrain(JobStore store) : Grain, IJobListGrain
{
    public Task<JobListPage> QueryAsync(JobListQuery query) => store.QueryAsync(query);

    public Task<JobTally> TallyAsync(string[]? customers, DateTimeOffset failedSince) => store.TallyAsync(customers, failedSince);

    public Task<string[]> OperationsAsync(string[]? customers) => store.OperationsAsync(customers);
}
