using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// Takes COM's commands on one link and runs them beside the link's other work, one at a time: the reader hands
/// a command over and goes back to reading, so heartbeats, alarms and acks go on during a long upload. A command
/// still running when the link ends is cancelled, since COM fails it then anyway.
/// </summary>
internal sealed class CommandDesk(CommandContext context, FleetCounters counters) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _restart = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _running = Task.CompletedTask;

    /// <summary>Completes once a restore has answered: the device restarts by closing its link and linking again.</summary>
    public Task RestartRequested => _restart.Task;

    /// <summary>Called by the link's reader only, so one command at a time needs no lock.</summary>
    public void Receive(string json)
    {
        if (context.Fault == BackupFault.NeverAnswer)
        {
            counters.CommandIgnored();
            return;
        }
        var command = Parse(json, ProtocolJson.Default.CommandMessage);
        var id = command?.Id ?? Parse(json, ProtocolJson.Default.Envelope)?.Id;
        var problem = command is null ? "malformed command" : CommandCheck.Problem(command) ?? (_running.IsCompleted ? null : "another command is running");
        if (problem is null && command is not null && !string.IsNullOrEmpty(id))
        {
            _running = RunAsync(id, command);
            return;
        }
        counters.CommandRejected();
        if (string.IsNullOrEmpty(id))
            // Without an id there is nobody to answer; COM would ignore a result it cannot match.
            counters.Problem($"{context.Customer.Name}: COM sent a command without an id: {(json.Length > 200 ? json[..200] + "…" : json)}");
        else
            _ = CommandAnswers.ResultAsync(context.Client, id, false, problem);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync(string id, CommandMessage command)
    {
        // The reader must not wait for the first bytes of an archive.
        await Task.Yield();
        var backup = command.Command == Commands.Backup;
        CommandOutcome outcome;
        try
        {
            outcome = backup
                ? await BackupRun.RunAsync(context, id, command, _stop.Token)
                : await RestoreRun.RunAsync(context, id, command, _stop.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug here must cost one command, not the device's link.
            outcome = new CommandOutcome(false, $"{command.Command} failed: {e.GetType().Name}: {e.Message}");
            counters.Problem($"{context.Customer.Name}: {command.Command} crashed: {e}");
        }
        Count(backup, outcome.Ok);
        var answered = await CommandAnswers.ResultAsync(context.Client, id, outcome.Ok, outcome.Detail);
        if (answered && outcome.Restart)
            _restart.TrySetResult();
    }

    private void Count(bool backup, bool ok)
    {
        if (backup && ok)
            counters.BackupSent();
        else if (backup)
            counters.BackupFailed();
        else if (ok)
            counters.RestoreApplied();
        else
            counters.RestoreFailed();
    }

    private static T? Parse<T>(string json, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
