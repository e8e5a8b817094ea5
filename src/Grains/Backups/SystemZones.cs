namespace Com.Grains.Backups;

/// <summary>A system's time zone from the IANA id it reported; COM's own zone stands in when it reported none.</summary>
public static class SystemZones
{
    public static TimeZoneInfo Resolve(string? ianaId) =>
        ianaId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : TimeZoneInfo.Local;
}
