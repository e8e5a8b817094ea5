namespace Com.Storage.Files;

/// <summary>What one garbage collection freed.</summary>
public sealed record CollectedGarbage(int Chunks, long Bytes);
