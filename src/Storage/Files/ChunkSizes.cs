namespace Com.Storage.Files;

/// <summary>
/// Bounds of content-defined chunks. Changing them does not endanger stored files, but new uploads stop sharing chunks
/// with old ones, so the default stays fixed (ADR 12 explains the sizes).
/// </summary>
public sealed record ChunkSizes
{
    public ChunkSizes(int min, int average, int max)
    {
        if (min < 64 || !int.IsPow2(average) || average <= min || max <= average)
            throw new ArgumentException($"chunk sizes need 64 <= min < average < max and a power-of-two average (got {min}, {average}, {max})");
        (Min, Average, Max) = (min, average, max);
    }

    /// <summary>8 KiB, 32 KiB, 128 KiB (ADR 12: 64 KiB left a nightly 1 MiB backup kept 9 times at 1.6 times one night).</summary>
    public static ChunkSizes Default { get; } = new(8 * 1024, 32 * 1024, 128 * 1024);

    /// <summary>No chunk but a file's last is shorter.</summary>
    public int Min { get; }

    /// <summary>Below it cuts are made rarer, beyond it likelier, so most chunks come out near it.</summary>
    public int Average { get; }

    /// <summary>No chunk is longer: the largest buffer the store ever asks for.</summary>
    public int Max { get; }
}
