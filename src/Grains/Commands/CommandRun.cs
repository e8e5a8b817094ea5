using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Grains.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Com.Grains.Commands;

/// <summary>
/// Runs one command of a job on one system under the system's action lock (SPEC JOB-5): takes the lock, sends the
/// command, follows it until the device ends it or falls silent, and releases the lock with the outcome. Shared by the
/// operations that act through a device command (backup, restore …).
/// </summary>
public sealed partial class CommandRun(IGrainFactory grains, IOptions<JobOptions> options, TimeProvider time, ILogger<CommandRun> logger)
{
    private readonly JobOptions settings = options.Value;

    /// <summary>
    /// Runs the order <paramref name="plan"/> makes for the system's profile once the lock is granted; its
    /// <see cref="CommandPlan.OnSucceeded"/> runs before the lock is released (to list the backup, say), and its failure
    /// fails the customer's part. The automatic backup skips a system it may not act on, where a job fails it.
    /// </summary>
    public async Task<OperationOutcome> RunAsync(JobRun job, string customerId, CommandPlan plan, CancellationToken cancellationToken)
    {
        var actions = grains.GetGrain<ICustomerActionsGrain>(CustomerIds.GrainKey(customerId));
        var jobId = job.Id.ToString();
        var grant = await actions.BeginActionAsync(new ActionRequest(plan.Action, jobId, plan.Origin, job.Definition.Name));
        if (!grant.Granted)
            return plan.Origin == ActionOrigin.AutomaticBackup
                ? OperationOutcome.Skip($"skipped: {grant.Describe()}")
                : OperationOutcome.Failure($"not started: {grant.Describe()}");
        var outcome = OperationOutcome.Failure("the command did not end");
        var command = grains.GetGrain<IDeviceCommandGrain>(Guid.NewGuid());
        try
        {
            var view = await FollowAsync(command, await command.StartAsync(plan.Order(grant.Profile)), job, customerId, cancellationToken);
            if (view.Phase == CommandPhase.Succeeded && plan.OnSucceeded is not null)
                await plan.OnSucceeded(view);
            outcome = view.Phase == CommandPhase.Succeeded
                ? new OperationOutcome(true, null, Final(view, TargetStatus.Completed, null))
                : new OperationOutcome(false, view.Reason, Final(view, TargetStatus.Failed, view.Reason));
            return outcome;
        }
        finally
        {
            await ForgetAsync(command, outcome);
            await actions.EndActionAsync(jobId, outcome.Succeeded ? ActionOutcome.Completed : ActionOutcome.Failed);
        }
    }

    /// <summary>
    /// The command's state is dropped however the run ended; one cut short by a fault is abandoned first, so a late
    /// upload is refused and its file deleted rather than kept for a job that no longer waits for it. A failure here
    /// is logged: the run's own outcome matters more.
    /// </summary>
    private async Task ForgetAsync(IDeviceCommandGrain command, OperationOutcome outcome)
    {
        try
        {
            if (!outcome.Succeeded && await command.GetAsync() is { Ended: false })
                await command.AbandonAsync("the job stopped following the command");
            await command.ForgetAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogForgetFailed(e, command.GetPrimaryKey());
        }
    }

    private async Task<CommandView> FollowAsync(IDeviceCommandGrain command, CommandView view, JobRun job, string customerId,
        CancellationToken cancellationToken)
    {
        while (!view.Ended)
        {
            if (time.GetUtcNow() - view.LastHeardAt > settings.CommandSilence)
                return await command.AbandonAsync($"the system said nothing about the command for {settings.CommandSilence.TotalSeconds:0} s");
            await Task.Delay(settings.PollInterval, time, cancellationToken);
            view = await command.GetAsync() ?? throw new InvalidOperationException("the command's state vanished while it ran");
            if (view.Servers.Length > 0)
                job.ReportServers(customerId, view.Servers);
        }
        return view;
    }

    /// <summary>On failure, the servers that had not finished carry the reason; those done are shown done.</summary>
    private static ServerProgress[] Final(CommandView view, TargetStatus status, string? reason) =>
        [.. view.Servers.Select(s => status == TargetStatus.Completed || s.Percent >= 100
            ? s with { Percent = 100, Status = TargetStatus.Completed }
            : s with { Status = TargetStatus.Failed, Reason = reason })];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId}: its state could not be dropped after the run; it stays stored")]
    private partial void LogForgetFailed(Exception exception, Guid commandId);
}
