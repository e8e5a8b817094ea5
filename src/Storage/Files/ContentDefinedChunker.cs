using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    // Every byte of every upload passes through here (it took a fifth of a silo's time while a backup streamed in). So
    // the loop is optimised from the first call, and split in two: below the average it tests the strict mask, from
    // there the loose one, each up to a precomputed end, instead of comparing the length with both sizes at every byte.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        ref var table = ref MemoryMarshal.GetArrayDataReference(gear);
        // The byte that makes the chunk `average` long is the first tested with the loose mask; the one that makes it
        // `max` long ends it whatever the hash says.
        var strictEnd = taken + Math.Clamp(sizes.Average - 1 - length, 0, data.Length - taken);
        var at = Scan(data, taken, strictEnd, strictMask, ref table, ref h);
        if (at < 0)
        {
            var looseEnd = strictEnd + Math.Clamp(sizes.Max - Math.Max(length, sizes.Average - 1), 0, data.Length - strictEnd);
            at = Scan(data, strictEnd, looseEnd, looseMask, ref table, ref h);
            if (at < 0 && length + (looseEnd - taken) >= sizes.Max)
                at = looseEnd;
            if (at < 0)
            {
                (hash, length, cut) = (h, length + (looseEnd - taken), false);
                return looseEnd;
            }
        }
        (hash, length, cut) = (0, 0, true);
        return at;
    }

    /// <summary>Hashes data[from..to); the index after the first byte whose hash clears <paramref name="mask"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Scan(ReadOnlySpan<byte> data, int from, int to, ulong mask, ref ulong table, ref ulong h)
    {
        var hash = h;
        for (var i = from; i < to; i++)
        {
            // The table has 256 entries and a byte indexes it, so the lookup needs no bounds check.
            hash = (hash << 1) + Unsafe.Add(ref table, data[i]);
            if ((hash & mask) == 0)
            {
                h = hash;
                return i + 1;
            }
        }
        h = hash;
        return -1;
    }

    private static ulong TopBits(int count) => ulong.MaxValue << (64 - count);
}
