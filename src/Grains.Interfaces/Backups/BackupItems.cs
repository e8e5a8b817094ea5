using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Interfaces.Backups;

/// <summary>
/// What a backup may hold (SPEC BKP-1): the system's configuration, voicemail (all, or as the system selects), Media
/// Manager data, and named services of a Server Edition. Call recordings never. Checked before a job is created.
/// </summary>
public static class BackupItems
{
    public const string Configuration = "configuration";
    public const string VoicemailAll = "voicemail";
    public const string VoicemailSelective = "voicemail-selective";
    public const string MediaManager = "media-manager";
    /// <summary>Every service of every server, whichever the system runs.</summary>
    public const string AllServices = "services";
    /// <summary>Prefix of one service's item, e.g. <c>service:one-x-portal</c>.</summary>
    public const string ServicePrefix = "service:";

    private const int MaxItems = 64;
    private const int MaxServiceName = 64;

    public static IReadOnlyList<string> Fixed { get; } = [Configuration, VoicemailAll, VoicemailSelective, MediaManager, AllServices];

    /// <summary>The items of a job that named none: the configuration, which every system has.</summary>
    public static string[] Default { get; } = [Configuration];

    private static readonly string[] ServerEditionNightly = [Configuration, AllServices, MediaManager, VoicemailSelective];

    /// <summary>
    /// What the nightly backup holds (SPEC BKP-3): a Server Edition's every service of every server, its Media Manager
    /// data and the voicemail its own settings select; any other system its configuration.
    /// </summary>
    public static string[] AutomaticFor(SystemProfile profile) =>
        profile == SystemProfile.ServerEdition ? ServerEditionNightly : Default;

    /// <summary>Why these items cannot be backed up (a resource key), or null.</summary>
    public static string? Problem(IReadOnlyCollection<string>? items) =>
        items is null ? null
        : items.Count > MaxItems || items.Any(i => !IsKnown(i)) ? "BackupItemsInvalid"
        : items.Contains(VoicemailAll) && items.Contains(VoicemailSelective) ? "BackupVoicemailTwice"
        : null;

    private static bool IsKnown(string item) =>
        Fixed.Contains(item, StringComparer.Ordinal)
        || item.StartsWith(ServicePrefix, StringComparison.Ordinal) && item.Length > ServicePrefix.Length
           && item.Length <= ServicePrefix.Length + MaxServiceName
           && item.AsSpan(ServicePrefix.Length).ContainsAnyExcept(ServiceNameCharacters) is false;

    private static readonly System.Buffers.SearchValues<char> ServiceNameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
}
