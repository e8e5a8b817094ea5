using Com.Grains.Interfaces.Accounts;

namespace Com.Grains.Accounts;

/// <summary>Names the fields an edit changed, for the audit log: which ones, never a password.</summary>
internal static class AccountChanges
{
    public static string Describe(AccountDetails before, AccountDetails after, bool passwordSet)
    {
        var changed = new List<string>();
        if (before.Role != after.Role)
            changed.Add($"role={before.Role}->{after.Role}");
        if (before.Disabled != after.Disabled)
            changed.Add(after.Disabled ? "disabled" : "enabled");
        if (!before.LabelList.SequenceEqual(after.LabelList))
            changed.Add($"labels=[{string.Join(", ", after.LabelList)}]");
        if (before.ForceNewPassword != after.ForceNewPassword)
            changed.Add($"forceNewPassword={after.ForceNewPassword}");
        if (before.ExpiresAt != after.ExpiresAt)
            changed.Add($"expires={after.ExpiresAt:yyyy-MM-dd}");
        if (before.Kiosk != after.Kiosk)
            changed.Add($"kiosk={after.Kiosk}");
        if (before.SessionTimeoutMinutes != after.SessionTimeoutMinutes)
            changed.Add($"sessionTimeout={after.SessionTimeoutMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}");
        if ((before.FirstName, before.LastName, before.Phone, before.Mobile, before.Email) != (after.FirstName, after.LastName, after.Phone, after.Mobile, after.Email))
            changed.Add("contact details");
        if (passwordSet)
            changed.Add("password set");
        return string.Join("; ", changed);
    }
}
