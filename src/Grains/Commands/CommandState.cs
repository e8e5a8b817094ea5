using Com.Grains.Interfaces.Commands;

namespace Com.Grains.Commands;

/// <summary>A command's persisted state, so that its result and file still find it after its silo died.</summary>
[GenerateSerializer, Alias("com.CommandState")]
public sealed class CommandState
{
    [Id(0)] public CommandOrder? Order { get; set; }
    [Id(1)] public CommandPhase Phase { get; set; }
    [Id(2)] public string? Reason { get; set; }
    [Id(3)] public byte[]? TokenHash { get; set; }
    [Id(4)] public bool TokenUsed { get; set; }
    [Id(5)] public StoredUpload? Upload { get; set; }
    [Id(6)] public DateTimeOffset LastHeardAt { get; set; }
    [Id(7)] public Dictionary<string, int> Servers { get; set; } = [];
}
