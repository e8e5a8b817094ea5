using System.ComponentModel.DataAnnotations;

namespace Com.Storage;

/// <summary>Where COM keeps everything: membership, grain state, reminders and files.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Com:Database";

    /// <summary>Npgsql connection string of COM's database.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>How long a starting process keeps retrying an unreachable database before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StartupRetryBudget { get; set; } = TimeSpan.FromMinutes(2);
}
