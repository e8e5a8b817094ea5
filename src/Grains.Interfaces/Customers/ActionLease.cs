namespace Com.Grains.Interfaces.Customers;

/// <summary>Who asks for a system's action lock: a job users scheduled or started, or the nightly automatic backup (SPEC BKP-3).</summary>
[GenerateSerializer, Alias("com.ActionOrigin")]
public enum ActionOrigin
{
    Job = 0,
    AutomaticBackup = 1,
}

/// <summary>A job asks to run <paramref name="Action"/> on one system; <paramref name="JobName"/> is what users call the job.</summary>
[GenerateSerializer, Immutable, Alias("com.ActionRequest.v1")]
public sealed record ActionRequest(
    [property: Id(0)] CustomerAction Action,
    [property: Id(1)] string JobId,
    [property: Id(2)] ActionOrigin Origin,
    [property: Id(3)] string? JobName = null);

/// <summary>
/// The system's action lock as one job holds it (SPEC JOB-5): what runs, for which job, since when, and until when the
/// lease stands if its job never ends it.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.ActionLease.v1")]
public sealed record ActionLease(
    [property: Id(0)] CustomerAction Action,
    [property: Id(1)] string JobId,
    [property: Id(2)] ActionOrigin Origin,
    [property: Id(3)] string? JobName,
    [property: Id(4)] DateTimeOffset Since,
    [property: Id(5)] DateTimeOffset ExpiresAt)
{
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>For logs and job details, in UTC: "a restore started by job 'Nightly' at 2026-12-02 02:13 UTC".</summary>
    public string Describe() => Origin == ActionOrigin.AutomaticBackup
        ? $"an automatic backup started at {Since.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
        : $"{Noun(Action)} started by job '{JobName ?? JobId}' at {Since.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    private static string Noun(CustomerAction action) => action switch
    {
        CustomerAction.Backup => "a backup",
        CustomerAction.Restore => "a restore",
        CustomerAction.Upgrade => "an upgrade",
        _ => $"a {action} action",
    };
}
