namespace Com.Grains.Interfaces.Customers;

/// <summary>
/// Which systems COM monitors but never operates on: the Legacy profile, and any system older than R11.1 FP1 whatever
/// profile it reports. The connectivity light (Legacy) and the action menu both ask this one rule.
/// </summary>
public static class MonitorOnly
{
    /// <summary>The first release that takes remote operations (R11.1 FP1).</summary>
    public static readonly Version FirstRemoteCapableVersion = new(11, 1, 1);

    public static bool Applies(SystemProfile profile, string? version) =>
        profile == SystemProfile.Legacy
        || (System.Version.TryParse(version, out var parsed) && parsed < FirstRemoteCapableVersion);
}
