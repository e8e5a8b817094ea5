using Com.Grains;

namespace Com.Tests.Grains.Reminders;

[Alias("com.tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Arm")]
    Task ArmAsync(TimeSpan dueIn);

    [Alias("Ticks")]
    Task<int> TicksAsync();
}

/// <summary>A grain that counts its reminder's ticks in persisted state, to prove reminders fire from PostgreSQL.</summary>
public sealed class ReminderProbeGrain(
    [PersistentState("reminder-probe", ComStorage.Default)] IPersistentState<ReminderProbeGrain.Counter> state)
    : Grain, IReminderProbeGrain, IRemindable
{
    [GenerateSerializer]
    public sealed class Counter
    {
        [Id(0)]
        public int Ticks { get; set; }
    }

    public Task ArmAsync(TimeSpan dueIn) => this.RegisterOrUpdateReminder("probe", dueIn, TimeSpan.FromMinutes(1));

    public Task<int> TicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
