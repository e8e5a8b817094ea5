using Com.Grains.Interfaces.Preferences;

namespace Com.WebFront.Preferences;

/// <summary>The web front's one door to the preferences grain; raises <see cref="Changed"/> so the layout follows edits.</summary>
public sealed class PreferencesClient(IGrainFactory grains)
{
    private IServerPreferencesGrain Grain => grains.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key);

    public event Action<ServerPreferences>? Changed;

    public Task<ServerPreferences> GetAsync() => Grain.GetAsync();

    /// <summary>Saves the system name; returns the refusal's resource key, or null when saved.</summary>
    public async Task<string?> SetSystemNameAsync(string systemName)
    {
        try
        {
            var saved = await Grain.SetSystemNameAsync(systemName);
            Changed?.Invoke(saved);
            return null;
        }
        catch (PreferenceRejectedException rejected)
        {
            return rejected.Reason;
        }
    }

    /// <summary>Saves the session, password and banner preferences; returns the refusal's resource key, or null when saved.</summary>
    public async Task<string?> SetSecurityAsync(SecurityPreferences security)
    {
        try
        {
            var saved = await Grain.SetSecurityAsync(security);
            Changed?.Invoke(saved);
            return null;
        }
        catch (PreferenceRejectedException rejected)
        {
            return rejected.Reason;
        }
    }
}
