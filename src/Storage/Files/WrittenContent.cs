namespace Com.Storage.Files;

/// <summary>An upload whose chunks are all stored: its summary and manifest, the hashes and positions of its chunks in order.</summary>
internal sealed record WrittenContent(ContentSummary Summary, IReadOnlyList<byte[]> Hashes, IReadOnlyList<long> Positions);
