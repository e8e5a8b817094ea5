using System.Security.Cryptography;
using System.Text;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.Grains.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Com.Grains.Backups.Nightly;

/// <summary>
/// Creates the automatic backup jobs (see <see cref="INightlyBackupGrain"/>, ADR 16). Each sweep asks the directory
/// which systems take the nightly backup, groups them by time zone, and for each window about to open creates a job
/// that starts at the window's opening in its own durable reminder and begins no system after the window closed. The
/// job runs a bounded number of systems at a time, so a zone of ten thousand never starts at once, and shows each
/// system's outcome in the jobs page, a busy system's skip with its reason.
/// </summary>
public sealed partial class NightlyBackupGrain(
    [PersistentState("nightly-backup", ComStorage.Default)] IPersistentState<NightlyBackupState> state,
    IOptions<NightlyBackupOptions> options,
    TimeProvider time,
    ILogger<NightlyBackupGrain> logger) : Grain, INightlyBackupGrain, IRemindable
{
    /// <summary>Who the jobs name as their creator.</summary>
    public static readonly Actor Creator = new("COM", Role.Administrator);

    // Half the most a job takes, so a zone of 100,000 makes a few jobs rather than one refused.
    private const int CustomersPerJob = JobRules.MaxCustomers / 2;
    private const string ReminderName = "nightly";
    // Reminders tick at most once a minute; the timer sweeps more often while the grain is active.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(4);

    private readonly NightlyBackupOptions settings = options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (settings.Enabled)
            // Ticks never overlap: a sweep that outlasts the period (a slow database) delays the next.
            this.RegisterGrainTimer(_ => SweepAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, settings.SweepEvery) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task StartAsync()
    {
        if (!settings.Enabled)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
                await this.UnregisterReminder(reminder);
            return;
        }
        if (await this.GetReminder(ReminderName) is null)
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
    }

    // The reminder only brings the grain back after its silo stopped; activating starts the timer, which sweeps.
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private async Task SweepAsync()
    {
        try
        {
            var now = time.GetUtcNow();
            var candidates = await GrainFactory.GetGrain<ICustomerDirectoryGrain>(ICustomerDirectoryGrain.Key).BackupCandidatesAsync();
            foreach (var zone in candidates.GroupBy(c => SystemZones.Resolve(c.TimeZone).Id, StringComparer.Ordinal))
            {
                var customers = zone.Select(c => c.CustomerId).Order(StringComparer.Ordinal).ToArray();
                foreach (var window in NightlyWindow.Due(SystemZones.Resolve(zone.Key), now, settings))
                {
                    try
                    {
                        await CreateJobsAsync(zone.Key, window, customers, now);
                    }
                    catch (Exception e)
                    {
                        // One zone's failure must not cost the others their night; the next sweep tries this one again.
                        LogZoneFailed(e, zone.Key, window.Night);
                    }
                }
            }
            await ForgetOldNightsAsync(now);
        }
        catch (Exception e)
        {
            // The next sweep tries again; a window is missed only if every sweep until it closes fails, and that is logged.
            LogSweepFailed(e);
        }
    }

    private async Task CreateJobsAsync(string zone, NightlyWindow window, string[] customers, DateTimeOffset now)
    {
        var parts = customers.Chunk(CustomersPerJob).ToArray();
        for (var part = 0; part < parts.Length; part++)
        {
            var key = $"{zone}|{window.Night:yyyy-MM-dd}|{part + 1}";
            if (state.State.Created.ContainsKey(key))
            {
                // Parts are cut from the sorted list, so a newcomer may shift others between parts: only a zone of one
                // part takes late systems, which would otherwise wait for the next night.
                if (parts.Length == 1)
                    await JoinLateAsync(key, parts[part]);
                continue;
            }
            var name = parts.Length == 1
                ? $"Automatic backup {window.Night:yyyy-MM-dd} ({zone})"
                : $"Automatic backup {window.Night:yyyy-MM-dd} ({zone}, {part + 1}/{parts.Length})";
            // A window already open starts at once: the scheduler was down when it opened.
            var startAt = window.Opens > now + TimeSpan.FromSeconds(1) ? window.Opens : (DateTimeOffset?)null;
            var definition = new JobDefinition(name, AutomaticBackupOperation.OperationName, parts[part], Creator, startAt,
                Window: new JobWindow(zone, window.Night, window.Closes));
            try
            {
                await GrainFactory.GetGrain<IJobGrain>(JobIdOf(key)).CreateAsync(definition);
                LogCreated(name, parts[part].Length, window.Opens, window.Closes);
            }
            catch (JobRejectedException e) when (e.Reason == "JobExists")
            {
                // Created by a sweep that died before it could note it.
            }
            state.State.Created[key] = window.Night;
            await state.WriteStateAsync();
        }
    }

    /// <summary>Systems that linked or turned their flag on since the night's job was created join it while its window is open.</summary>
    private async Task JoinLateAsync(string key, string[] customers)
    {
        try
        {
            await GrainFactory.GetGrain<IJobGrain>(JobIdOf(key)).JoinAsync(customers);
        }
        catch (JobRejectedException)
        {
            // Ended, stopped or deleted by a user: the night is over for that job.
        }
    }

    private async Task ForgetOldNightsAsync(DateTimeOffset now)
    {
        var horizon = DateOnly.FromDateTime((now - ForgetAfter).UtcDateTime);
        var old = state.State.Created.Where(c => c.Value < horizon).Select(c => c.Key).ToList();
        if (old.Count == 0)
            return;
        foreach (var key in old)
            state.State.Created.Remove(key);
        await state.WriteStateAsync();
    }

    /// <summary>The same key always names the same job, so a job is never created twice for one night.</summary>
    private static Guid JobIdOf(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"com.nightly-backup|{key}")).AsSpan(0, 16));

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly backup job '{Name}' created for {Customers} systems; window {Opens:u} to {Closes:u}")]
    private partial void LogCreated(string name, int customers, DateTimeOffset opens, DateTimeOffset closes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Nightly backup of zone {Zone}, night of {Night}: its job could not be created or joined; the next sweep tries again")]
    private partial void LogZoneFailed(Exception exception, string zone, DateOnly night);

    [LoggerMessage(Level = LogLevel.Error, Message = "Nightly backup sweep failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception exception);
}
