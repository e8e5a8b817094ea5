using System.ComponentModel.DataAnnotations;

namespace Com.Grains.Jobs;

/// <summary>How jobs watch the commands they send (<c>Com:Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string Section = "Com:Jobs";

    /// <summary>A system that says nothing about a command for this long has failed it ("never answered").</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CommandSilence { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a job asks its commands how they stand.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
