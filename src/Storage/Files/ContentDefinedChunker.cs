namespace Com.Storage.Files;

/// <summary>
/// Decides where chunks end from the content itself (a FastCDC-style gear hash over the last 64 bytes), so an insertion
/// or deletion moves only the cuts near it and the chunks after it are found again, already stored. Fed a stream
/// piece by piece, it cuts exactly where it would have cut the whole content at once.
/// </summary>
public sealed class ContentDefinedChunker(ChunkSizes sizes)
{
    // Normalised chunking: a cut needs two more zero bits before the average size and two fewer after it, which
    // gathers chunk lengths around the average. The top bits of the gear hash depend on the last 64 bytes.
    private readonly ulong strictMask = TopBits(int.Log2(sizes.Average) + 2);
    private readonly ulong looseMask = TopBits(int.Log2(sizes.Average) - 2);
    private readonly ulong[] gear = GearTable.Values;

    private ulong hash;
    private int length;

    public ChunkSizes Sizes => sizes;

    /// <summary>
    /// Takes bytes of <paramref name="data"/> into the current chunk, stopping after the byte that ends it.
    /// </summary>
    /// <param name="data">The content following what was fed before.</param>
    /// <param name="cut">True when the chunk ends after the bytes taken; the next byte starts a new chunk.</param>
    /// <returns>How many bytes were taken; all of <paramref name="data"/> when no cut was found.</returns>
    public int Take(ReadOnlySpan<byte> data, out bool cut)
    {
        var taken = 0;
        if (length < sizes.Min)
        {
            // No cut can come before the minimum, so those bytes are not even hashed.
            taken = Math.Min(sizes.Min - length, data.Length);
            length += taken;
        }
        var h = hash;
        while (taken < data.Length)
        {
            h = (h << 1) + gear[data[taken]];
            taken++;
            length++;
            var mask = length < sizes.Average ? strictMask : looseMask;
            if ((h & mask) == 0 || length >= sizes.Max)
            {
                (hash, length, cut) = (0, 0, true);
                return taken;
            }
        }
        hash = h;
        cut = false;
        return taken;
    }

    private static ulong TopBits(int count) => ulong.MaxValue << (64 - count);
}
