using Com.Grains.Interfaces.Preferences;

namespace Com.Grains.Preferences;

public sealed class ServerPreferencesGrain(
    [PersistentState("preferences", ComStorage.Default)] IPersistentState<ServerPreferences> state)
    : Grain, IServerPreferencesGrain
{
    public Task<ServerPreferences> GetAsync() =>
        Task.FromResult(state.RecordExists ? state.State : ServerPreferences.Defaults);

    public async Task<ServerPreferences> SetSystemNameAsync(string systemName)
    {
        var trimmed = systemName?.Trim();
        if (PreferenceValidation.ValidateSystemName(trimmed) is { } reason)
            throw new PreferenceRejectedException(reason);

        var current = state.RecordExists ? state.State : ServerPreferences.Defaults;
        state.State = current with { SystemName = trimmed! };
        await state.WriteStateAsync();
        return state.State;
    }
}
