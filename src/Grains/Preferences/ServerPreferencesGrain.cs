using Com.Grains.Interfaces.Preferences;
using Microsoft.AspNetCore.DataProtection;

namespace Com.Grains.Preferences;

/// <summary>Holds the preferences; the SMTP password is stored encrypted and handed out only to the mail sender.</summary>
public sealed class ServerPreferencesGrain(
    [PersistentState("preferences", ComStorage.Default)] IPersistentState<ServerPreferences> state,
    IDataProtectionProvider protection)
    : Grain, IServerPreferencesGrain
{
    private readonly IDataProtector smtpPasswords = protection.CreateProtector("com.preferences.smtp-password");

    private ServerPreferences Current => state.RecordExists ? state.State : ServerPreferences.Defaults;

    // Pages see whether a password is set, never the password or its ciphertext.
    public Task<ServerPreferences> GetAsync() => Task.FromResult(Current.Smtp is { } smtp
        ? Current with { Smtp = smtp with { Password = string.IsNullOrEmpty(smtp.Password) ? null : "" } }
        : Current);

    public Task<SmtpSettings?> GetSmtpForSendingAsync() => Task.FromResult(Current.Smtp is { } smtp
        ? smtp with { Password = string.IsNullOrEmpty(smtp.Password) ? null : smtpPasswords.Unprotect(smtp.Password) }
        : null);

    public async Task<ServerPreferences> SetAllowCustomerIdChangeAsync(bool allow)
    {
        return await SaveAsync(Current with { AllowCustomerIdChange = allow });
    }

    public async Task<ServerPreferences> SetSmtpAsync(SmtpSettings smtp)
    {
        if (PreferenceValidation.ValidateSmtp(smtp) is { } reason)
            throw new PreferenceRejectedException(reason);
        var user = string.IsNullOrWhiteSpace(smtp.User) ? null : smtp.User.Trim();
        var stored = Current.Smtp;
        // A stored password is sent only to the server and user it was typed for: a new host or user needs it typed again.
        var keepsStored = stored is { Password: { Length: > 0 } } && stored.Host == smtp.Host.Trim() && stored.User == user;
        if (string.IsNullOrEmpty(smtp.Password) && user is not null && stored is { Password: { Length: > 0 } } && !keepsStored)
            throw new PreferenceRejectedException("SmtpPasswordAgain");
        var password = string.IsNullOrEmpty(smtp.Password) ? (keepsStored ? stored!.Password : null) : smtpPasswords.Protect(smtp.Password);
        // Without a user there is nothing to sign in with, so no password is kept either.
        return await SaveAsync(Current with { Smtp = smtp with { Host = smtp.Host.Trim(), Sender = smtp.Sender.Trim(), User = user, Password = user is null ? null : password } });
    }

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
        return await GetAsync();
    }
}
