namespace Com.Grains.Interfaces.Jobs;

/// <summary>
/// One job (SPEC JOB-1 … JOB-6), keyed by a new Guid: it waits for its start time in a durable reminder, then runs its
/// operation on each customer, a few at a time, recording each one's outcome. Changes that break a rule throw
/// <see cref="JobRejectedException"/> and change nothing.
/// </summary>
[Alias("com.IJobGrain")]
public interface IJobGrain : IGrainWithGuidKey
{
    /// <summary>Creates the job; an immediate one starts at once.</summary>
    [Alias("Create")]
    Task<JobView> CreateAsync(JobDefinition definition);

    /// <summary>The job, or null when it was never created or has been deleted.</summary>
    [Alias("Get")]
    Task<JobView?> GetAsync();

    /// <summary>Scheduled → Paused: the start time passes without it.</summary>
    [Alias("Pause")]
    Task<JobView> PauseAsync();

    /// <summary>Paused → Scheduled; a start time already past starts it now.</summary>
    [Alias("Resume")]
    Task<JobView> ResumeAsync();

    /// <summary>Scheduled, Paused or In progress → Stopped, for good: customers not yet begun are skipped.</summary>
    [Alias("Stop")]
    Task<JobView> StopAsync();

    /// <summary>
    /// Adds customers to a job with a window that has not ended and whose window has not closed: the systems that linked,
    /// or turned their remote upgrade/backup flag on, after the night's job was created. Those already in the job are
    /// left as they are. Returns how many were added.
    /// </summary>
    [Alias("Join")]
    Task<int> JoinAsync(string[] customers);

    /// <summary>Forgets a job that is not running.</summary>
    [Alias("Delete")]
    Task DeleteAsync();
}
