using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Customers;

/// <summary>The directory's single state before ADR 11; read once to move it into the tables, never written again.</summary>
[GenerateSerializer, Alias("com.DirectoryState.v1")]
public sealed class DirectoryState
{
    [Id(0)]
    public Dictionary<string, CustomerSummary> Customers { get; set; } = [];

    /// <summary>Customer names in upper-invariant form, to the ID that owns each.</summary>
    [Id(1)]
    public Dictionary<string, string> Names { get; set; } = [];

    [Id(2)]
    public bool EndedCleanly { get; set; }
}
