using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Jobs;
using Com.Overview.Customers;
using Com.WebFront.Accounts;

namespace Com.WebFront.Jobs;

/// <summary>What the job list shows: its filter, search, sort (null: newest first) and page.</summary>
public sealed record JobFilter(
    JobStatus? Status = null,
    string? Operation = null,
    string? Search = null,
    JobSort? Sort = null,
    bool Descending = true,
    int Page = 0,
    int PageSize = 25);

/// <summary>A change asked of several jobs on the job list.</summary>
public enum JobChange
{
    Pause,
    Resume,
    Stop,
    Delete,
}

/// <summary>
/// The job pages' door to the cluster, acting as the signed-in user. Queries are limited to the jobs whose customers the
/// user all sees (worked out here from this process's directory copy, like the alarm list); a change is checked here,
/// on the server, against the user's role and that same scope before it reaches the job, which applies SPEC JOB-3's rules.
/// </summary>
public sealed class JobsClient(IGrainFactory grains, CurrentUser user, ClusterCalls calls, CustomerDirectoryFeed directory)
{
    /// <summary>How far back the dashboard counts failed jobs.</summary>
    public static readonly TimeSpan FailedWindow = TimeSpan.FromHours(24);

    /// <summary>Roles that act on systems may pause, resume, stop and delete jobs; Read-only and kiosk screens only look.</summary>
    public static bool MayChange(Role role) =>
        Permissions.Allows(role, Capability.Backup) || Permissions.Allows(role, Capability.Restore) || Permissions.Allows(role, Capability.Upgrade);

    public async Task<JobListPage> QueryAsync(JobFilter filter)
    {
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        var query = new JobListQuery(await ScopeAsync(), filter.Status, filter.Operation, search, filter.Sort, filter.Descending, filter.Page, filter.PageSize);
        return await List.QueryAsync(query);
    }

    public async Task<JobTally> TallyAsync(DateTimeOffset now) => await List.TallyAsync(await ScopeAsync(), now - FailedWindow);

    public async Task<string[]> OperationsAsync() => await List.OperationsAsync(await ScopeAsync());

    /// <summary>A job's details, or null when it is gone or outside the user's scope.</summary>
    public async Task<JobView?> DetailsAsync(Guid id)
    {
        var job = await calls.ReadAsync<JobView?>(_ => grains.GetGrain<IJobGrain>(id).GetAsync(), null);
        return job is not null && await SeesAsync(job.Definition.Customers) ? job : null;
    }

    /// <summary>Names of the customers the directory knows, by ID, for the details.</summary>
    public IReadOnlyDictionary<string, string> CustomerNames() => directory.Snapshot().ToDictionary(c => c.Id, c => c.Name);

    /// <summary>Applies <paramref name="change"/> to each job; how many changed, how many refused, and one refusal's resource key.</summary>
    public async Task<JobChangeOutcome> ChangeAsync(IReadOnlyCollection<JobRow> jobs, JobChange change)
    {
        if (await user.ActorAsync() is not { } actor || await user.IsKioskAsync() || !MayChange(actor.Role))
            return new JobChangeOutcome(0, jobs.Count, "NotAllowed");
        var (done, refused) = (0, 0);
        string? reason = null;
        foreach (var job in jobs)
        {
            var problem = await SeesAsync(job.Customers)
                ? await calls.AttemptAsync(_ => ApplyAsync(grains.GetGrain<IJobGrain>(job.Id), change))
                : "NotAllowed";
            if (problem is null)
                done++;
            else
                (refused, reason) = (refused + 1, problem);
        }
        return new JobChangeOutcome(done, refused, reason);
    }

    private static Task ApplyAsync(IJobGrain job, JobChange change) => change switch
    {
        JobChange.Pause => job.PauseAsync(),
        JobChange.Resume => job.ResumeAsync(),
        JobChange.Stop => job.StopAsync(),
        _ => job.DeleteAsync(),
    };

    private IJobListGrain List => grains.GetGrain<IJobListGrain>(0);

    /// <summary>The customers the user sees; null when that is every customer.</summary>
    private async Task<string[]?> ScopeAsync()
    {
        var scope = await user.ScopeAsync();
        return scope.All ? null : [.. directory.Snapshot().Where(scope.Includes).Select(c => c.Id)];
    }

    private async Task<bool> SeesAsync(IEnumerable<string> customers)
    {
        var scope = await ScopeAsync();
        return scope is null || customers.All(new HashSet<string>(scope, StringComparer.Ordinal).Contains);
    }
}

/// <summary>What a change on several jobs did.</summary>
public sealed record JobChangeOutcome(int Done, int Refused, string? Reason);
