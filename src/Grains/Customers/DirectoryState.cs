using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Customers;

[GenerateSerializer, Alias("com.DirectoryState.v1")]
public sealed class DirectoryState
{
    [Id(0)]
    public Dictionary<string, CustomerSummary> Customers { get; set; } = [];

    /// <summary>Customer names in upper-invariant form, to the ID that owns each.</summary>
    [Id(1)]
    public Dictionary<string, string> Names { get; set; } = [];

    /// <summary>
    /// True only when the last activation saved everything on its way out; false while an activation runs, so a silo
    /// dying under it leaves false behind.
    /// </summary>
    [Id(2)]
    public bool EndedCleanly { get; set; }
}
