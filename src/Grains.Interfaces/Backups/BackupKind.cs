namespace Com.Grains.Interfaces.Backups;

/// <summary>Who asked for a backup; each kind has its own retention (SPEC BKP-2, BKP-3).</summary>
public enum BackupKind
{
    /// <summary>Asked for by a user, now or as a scheduled job; three are kept per system.</summary>
    Manual,

    /// <summary>The nightly backup taken between 02:00 and 04:00 system time; kept on a day, week and month ladder.</summary>
    Automatic,
}
