using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace Com.Storage;

/// <summary>Where COM keeps everything: membership, grain state, reminders and files.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Com:Database";

    /// <summary>Npgsql connection string of COM's database.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The most PostgreSQL connections this process opens, whatever its load: Orleans' providers get half, COM's own
    /// queries the other half. Every silo and web front together must stay below the server's <c>max_connections</c>
    /// (operations guide); beyond the cap, callers wait for a free connection instead of the server refusing them all.
    /// </summary>
    [Range(4, 1000)]
    public int MaxConnections { get; set; } = 40;

    /// <summary>The connection string for Orleans' providers (membership, grain state, reminders), with their share of the cap.</summary>
    public string OrleansConnectionString => WithPoolSize((MaxConnections + 1) / 2);

    /// <summary>The connection string for COM's own data source (alarms, directory rows, audit, files), with the rest of the cap.</summary>
    public string AppConnectionString => WithPoolSize(MaxConnections / 2);

    private string WithPoolSize(int size) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = size, MinPoolSize = 0 }.ConnectionString;

    /// <summary>How long a starting process keeps retrying an unreachable database before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StartupRetryBudget { get; set; } = TimeSpan.FromMinutes(2);
}
