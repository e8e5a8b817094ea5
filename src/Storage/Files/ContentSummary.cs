namespace Com.Storage.Files;

/// <summary>What reading a whole upload found: its length and SHA-256.</summary>
internal sealed record ContentSummary(long Length, byte[] Sha256);
