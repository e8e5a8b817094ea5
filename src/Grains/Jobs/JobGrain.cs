using Com.Grains.Interfaces.Jobs;
using Com.Storage.Jobs;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Jobs;

/// <summary>
/// A job (ADR 14): waits for its start in a durable reminder, then runs its operation on its customers, at most
/// <see cref="Parallel"/> at a time so a job over a thousand customers never wakes them all at once. While it runs the
/// same reminder ticks every minute: after its silo died, the tick wakes the job on another silo, which records the
/// customers that were under way as failed (their outcome is unknown) and goes on with the rest.
/// </summary>
public sealed partial class JobGrain(
    [PersistentState("job", ComStorage.Default)] IPersistentState<JobState> state,
    IEnumerable<IJobOperation> operations,
    JobStore store,
    TimeProvider time,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable
{
    /// <summary>Customers worked on at once by one job.</summary>
    internal const int Parallel = 16;

    private const string ReminderName = "job";
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);
    // Progress of many customers is written together, not once per customer.
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(1);

    private Guid jobId;
    private bool stopRequested;
    private Task running = Task.CompletedTask;

    private JobState Job => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        jobId = this.GetPrimaryKey();
        // A row write lost with the previous activation (its silo died before a retry succeeded) catches up here.
        if (Job.Definition is not null)
            await WriteRowAsync();
        // Woken in progress: the activation that ran it is gone (its silo died). Whoever woke it (the reminder's tick, the
        // jobs page) takes it up now rather than at the next tick.
        if (Job.Status == JobStatus.InProgress && Job.Definition is not null)
            running = ResumeAfterCrashAsync();
    }

    public async Task<JobView> CreateAsync(JobDefinition definition)
    {
        if (Job.Definition is not null)
            throw new JobRejectedException("JobExists");
        var now = time.GetUtcNow();
        if ((JobRules.Problem(definition, now, operations.Select(o => o.Name))
             ?? operations.First(o => o.Name == definition.Operation).Problem(definition)) is { } problem)
            throw new JobRejectedException(problem);
        var customers = definition.Customers.Distinct(StringComparer.Ordinal).ToArray();
        state.State = new JobState
        {
            Definition = definition with { Name = definition.Name.Trim(), Customers = customers },
            Status = JobStatus.Scheduled,
            CreatedAt = now,
            Targets = customers.ToDictionary(c => c, c => new JobTarget(c, TargetStatus.Waiting)),
        };
        await SaveAsync();
        LogCreated(jobId, definition.Name, definition.Operation, customers.Length, definition.StartAt);
        if (definition.IsImmediate)
            await StartAsync();
        else
            await ArmAsync(definition.StartAt!.Value - now);
        return View();
    }

    public Task<JobView?> GetAsync() => Task.FromResult(Job.Definition is null ? null : View());

    public async Task<JobView> PauseAsync()
    {
        Require(JobRules.CanPause(Definition, Job.Status));
        Job.Status = JobStatus.Paused;
        await SaveAsync();
        await DisarmAsync();
        return View();
    }

    public async Task<JobView> ResumeAsync()
    {
        Require(JobRules.CanResume(Definition, Job.Status));
        Job.Status = JobStatus.Scheduled;
        await SaveAsync();
        var due = Definition.StartAt!.Value - time.GetUtcNow();
        if (due <= TimeSpan.Zero)
            await StartAsync();
        else
            await ArmAsync(due);
        return View();
    }

    public async Task<JobView> StopAsync()
    {
        Require(JobRules.CanStop(Definition, Job.Status));
        var wasRunning = Job.Status == JobStatus.InProgress;
        Job.Status = JobStatus.Stopped;
        stopRequested = true;
        foreach (var target in Job.Targets.Values.Where(t => t.Status == TargetStatus.Waiting).ToList())
            Job.Targets[target.CustomerId] = target with { Status = TargetStatus.Skipped, Reason = "the job was stopped" };
        // Customers under way finish their action; the run records them and then ends the job.
        if (!wasRunning)
            await FinishAsync();
        else
            await SaveAsync();
        return View();
    }

    public async Task<int> JoinAsync(string[] customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        Require(JobRules.CanJoin(Definition, Job.Status, time.GetUtcNow()));
        var added = customers.Where(c => !string.IsNullOrWhiteSpace(c) && !Job.Targets.ContainsKey(c)).Distinct(StringComparer.Ordinal)
            .Take(JobRules.MaxCustomers - Job.Targets.Count).ToArray();
        if (added.Length == 0)
            return 0;
        // A running job's loop picks the newcomers up as they wait, in turn after those already waiting.
        Job.Definition = Definition with { Customers = [.. Definition.Customers, .. added] };
        foreach (var customerId in added)
            Job.Targets[customerId] = new JobTarget(customerId, TargetStatus.Waiting);
        await SaveAsync();
        LogJoined(jobId, Definition.Name, added.Length);
        return added.Length;
    }

    public async Task DeleteAsync()
    {
        if (Job.Definition is null)
        {
            // Nothing to forget but perhaps a row left behind (its delete failed, then its silo died): the list's
            // delete removes it.
            await WriteRowAsync();
            return;
        }
        Require(JobRules.CanDelete(Job.Status));
        await DisarmAsync();
        await state.ClearStateAsync();
        // A row that could not be deleted yet keeps the activation, which tries again until it is gone.
        if (await WriteRowAsync())
            DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
            return;
        switch (Job.Status)
        {
            case JobStatus.Scheduled when Job.Definition is { StartAt: { } start } && start <= time.GetUtcNow():
                await StartAsync();
                break;
            case JobStatus.Scheduled:
                break;
            case JobStatus.InProgress when running.IsCompleted:
                running = ResumeAfterCrashAsync();
                break;
            case JobStatus.InProgress:
                break;
            default:
                // Paused, final or deleted: nothing is due any more.
                await DisarmAsync();
                break;
        }
    }

    private JobDefinition Definition => Job.Definition ?? throw new JobRejectedException("NoSuchJob");

    private static void Require(string? problem)
    {
        if (problem is not null)
            throw new JobRejectedException(problem);
    }

    private async Task StartAsync()
    {
        Job.Status = JobStatus.InProgress;
        Job.StartedAt = time.GetUtcNow();
        await SaveAsync();
        // The reminder now wakes the job should its silo die while it runs.
        await ArmAsync(Tick);
        LogStarted(jobId, Definition.Name);
        running = RunAsync();
    }

    private async Task ResumeAfterCrashAsync()
    {
        try
        {
            var interrupted = Job.Targets.Values.Where(t => t.Status == TargetStatus.InProgress).ToList();
            foreach (var target in interrupted)
                Job.Targets[target.CustomerId] = target with
                {
                    Status = TargetStatus.Failed,
                    Reason = "interrupted: the server running this job stopped before the customer's action ended",
                    EndedAt = time.GetUtcNow(),
                };
            LogResumed(jobId, Definition.Name, interrupted.Count);
            await SaveAsync();
            await ReleaseInterruptedAsync(interrupted);
        }
        catch (Exception e)
        {
            // The next tick of the reminder tries again.
            LogRunFailed(e, jobId, Definition.Name);
            return;
        }
        await RunAsync();
    }

    /// <summary>
    /// The systems the dead activation was acting on keep their action lock until it expires unless released: released
    /// here, since their outcome is recorded as failed. A release that fails is logged and the lease expires in time.
    /// </summary>
    private async Task ReleaseInterruptedAsync(IEnumerable<JobTarget> interrupted)
    {
        foreach (var target in interrupted)
        {
            try
            {
                await GrainFactory.GetGrain<Interfaces.Customers.ICustomerActionsGrain>(Interfaces.Customers.CustomerIds.GrainKey(target.CustomerId))
                    .EndActionAsync(jobId.ToString(), Interfaces.Customers.ActionOutcome.Failed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReleaseFailed(e, jobId, target.CustomerId);
            }
        }
    }

    private async Task RunAsync()
    {
        var operation = operations.First(o => o.Name == Definition.Operation);
        var run = new JobRun(jobId, Definition, ReportServers);
        var underWay = new Dictionary<Task<OperationOutcome>, string>();
        var lastSave = time.GetTimestamp();
        try
        {
            while (true)
            {
                SkipAfterTheWindow();
                while (underWay.Count < Parallel && !stopRequested && NextWaiting() is { } next)
                {
                    Job.Targets[next] = Job.Targets[next] with { Status = TargetStatus.InProgress };
                    underWay[RunOneAsync(operation, run, next)] = next;
                }
                if (underWay.Count == 0)
                    break;
                var done = await Task.WhenAny(underWay.Keys);
                var customerId = underWay[done];
                underWay.Remove(done);
                var outcome = await done;
                Job.Targets[customerId] = Job.Targets[customerId] with
                {
                    Status = outcome.Status,
                    Reason = outcome.Reason,
                    EndedAt = time.GetUtcNow(),
                    Servers = outcome.Servers ?? Job.Targets[customerId].Servers,
                };
                DelayDeactivation(Tick * 2);
                if (time.GetElapsedTime(lastSave) >= SaveEvery)
                {
                    await SaveAsync();
                    lastSave = time.GetTimestamp();
                }
            }
            await FinishAsync();
        }
        catch (Exception e)
        {
            // The state holds what was recorded; the next tick of the reminder takes the job up again.
            LogRunFailed(e, jobId, Definition.Name);
        }
    }

    /// <summary>Once a windowed job's window closed, the customers still waiting are skipped rather than begun late.</summary>
    private void SkipAfterTheWindow()
    {
        if (Definition.Window is not { } window || time.GetUtcNow() < window.Closes)
            return;
        foreach (var target in Job.Targets.Values.Where(t => t.Status == TargetStatus.Waiting).ToList())
            Job.Targets[target.CustomerId] = target with
            {
                Status = TargetStatus.Skipped,
                Reason = $"the window closed at {window.Closes.UtcDateTime:yyyy-MM-dd HH:mm} UTC before its turn came",
                EndedAt = time.GetUtcNow(),
            };
    }

    private string? NextWaiting() =>
        Definition.Customers.FirstOrDefault(c => Job.Targets[c].Status == TargetStatus.Waiting);

    /// <summary>Progress lives in memory and is saved with the next outcome; after a crash the customer is re-reported anyway.</summary>
    private void ReportServers(string customerId, ServerProgress[] servers)
    {
        if (Job.Targets.TryGetValue(customerId, out var target) && target.Status == TargetStatus.InProgress)
            Job.Targets[customerId] = target with { Servers = servers };
    }

    private async Task<OperationOutcome> RunOneAsync(IJobOperation operation, JobRun run, string customerId)
    {
        try
        {
            return await operation.RunAsync(run, customerId, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogOperationFault(e, jobId, Definition.Operation, customerId);
            return OperationOutcome.Failure($"{Definition.Operation} failed: {e.Message}");
        }
    }

    private async Task FinishAsync()
    {
        if (Job.Status != JobStatus.Stopped)
            Job.Status = JobRules.Outcome(Job.Targets.Values);
        Job.EndedAt = time.GetUtcNow();
        await SaveAsync();
        await DisarmAsync();
        LogEnded(jobId, Definition.Name, Job.Status);
    }

    private async Task ArmAsync(TimeSpan due) =>
        await this.RegisterOrUpdateReminder(ReminderName, due < TimeSpan.Zero ? TimeSpan.Zero : due, Tick);

    private async Task DisarmAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private JobView View() => new(jobId, Definition, Job.Status, Job.CreatedAt, Job.StartedAt, Job.EndedAt,
        [.. Definition.Customers.Select(c => Job.Targets[c])]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} '{Name}' created: {Operation} on {Customers} customers, start {StartAt}")]
    private partial void LogCreated(Guid jobId, string name, string operation, int customers, DateTimeOffset? startAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} '{Name}': {Count} customers joined")]
    private partial void LogJoined(Guid jobId, string name, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} '{Name}' started")]
    private partial void LogStarted(Guid jobId, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} '{Name}' taken up again after its silo stopped; {Interrupted} customers under way recorded as failed")]
    private partial void LogResumed(Guid jobId, string name, int interrupted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the action lock of customer {CustomerId}, interrupted, could not be released; it expires with its lease")]
    private partial void LogReleaseFailed(Exception exception, Guid jobId, string customerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} '{Name}' ended {Status}")]
    private partial void LogEnded(Guid jobId, string name, JobStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: {Operation} on customer {CustomerId} threw")]
    private partial void LogOperationFault(Exception exception, Guid jobId, string operation, string customerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} '{Name}' stopped running; its reminder takes it up again")]
    private partial void LogRunFailed(Exception exception, Guid jobId, string name);
}
