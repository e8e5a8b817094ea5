using System.ComponentModel.DataAnnotations;

namespace Com.Silo.Hosting;

/// <summary>How this process takes part in the cluster; every value can come from <c>Com__Cluster__*</c> environment variables.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Com:Cluster";

    /// <summary><c>silo</c> hosts grains (and the web front); <c>web</c> is a web front that joins as an Orleans client.</summary>
    [RegularExpression("^(silo|web)$")]
    public string Role { get; set; } = "silo";

    [Required]
    public string ClusterId { get; set; } = "com";

    [Required]
    public string ServiceId { get; set; } = "com";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos reach this one on; loopback by default so a single machine needs no setup.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>A readable name for this silo in the cluster page; defaults to host name and port.</summary>
    public string? SiloName { get; set; }

    public bool IsSilo => Role == "silo";
}
