using Com.Grains.Interfaces.Preferences;

namespace Com.WebFront.Preferences;

/// <summary>The web front's one door to the preferences grain; raises <see cref="Changed"/> so the layout follows edits.</summary>
public sealed class PreferencesClient(IGrainFactory grains)
{
    private IServerPreferencesGrain Grain => grains.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key);

    public event Action<ServerPreferences>? Changed;

    public Task<ServerPreferences> GetAsync() => Grain.GetAsync();

    /// <summary>Saves the system name; returns the refusal's resource key, or null when saved.</summary>
    public Task<string?> SetSystemNameAsync(string systemName) => SaveAsync(g => g.SetSystemNameAsync(systemName));

    /// <summary>Saves the session, password and banner preferences; returns the refusal's resource key, or null when saved.</summary>
    public Task<string?> SetSecurityAsync(SecurityPreferences security) => SaveAsync(g => g.SetSecurityAsync(security));

    /// <summary>Saves the SMTP server; an empty password keeps the stored one. Returns the refusal's resource key, or null when saved.</summary>
    public Task<string?> SetSmtpAsync(SmtpSettings smtp) => SaveAsync(g => g.SetSmtpAsync(smtp));

    public Task<string?> SetAllowCustomerIdChangeAsync(bool allow) => SaveAsync(g => g.SetAllowCustomerIdChangeAsync(allow));

    private async Task<string?> SaveAsync(Func<IServerPreferencesGrain, Task<ServerPreferences>> change)
    {
        try
        {
            var saved = await change(Grain);
            Changed?.Invoke(saved);
            return null;
        }
        catch (PreferenceRejectedException rejected)
        {
            return rejected.Reason;
        }
    }
}
