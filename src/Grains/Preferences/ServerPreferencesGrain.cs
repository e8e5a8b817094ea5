using Com.Grains.Interfaces.Preferences;

namespace Com.Grains.Preferences;

public sealed class ServerPreferencesGrain(
    [PersistentState("preferences", ComStorage.Default)] IPersistentState<ServerPreferences> state)
    : Grain, IServerPreferencesGrain
{
    private ServerPreferences Current => state.RecordExists ? state.State : ServerPreferences.Defaults;

    public Task<ServerPreferences> GetAsync() => Task.FromResult(Current);

    public async Task<ServerPreferences> SetSystemNameAsync(string systemName)
    {
        var trimmed = systemName?.Trim();
        if (PreferenceValidation.ValidateSystemName(trimmed) is { } reason)
            throw new PreferenceRejectedException(reason);
        return await SaveAsync(Current with { SystemName = trimmed! });
    }

    public async Task<ServerPreferences> SetSecurityAsync(SecurityPreferences security)
    {
        if (PreferenceValidation.ValidateSecurity(security) is { } reason)
            throw new PreferenceRejectedException(reason);
        var banner = new SecurityBanner(security.Banner.Enabled, (security.Banner.Title ?? "").Trim(), BannerSanitizer.Sanitize(security.Banner.Html ?? ""));
        return await SaveAsync(Current with { SessionTimeout = security.SessionTimeoutMinutes, PasswordHistory = security.PasswordHistory, Banner = banner });
    }

    private async Task<ServerPreferences> SaveAsync(ServerPreferences preferences)
    {
        state.State = preferences;
        await state.WriteStateAsync();
        return state.State;
    }
}
