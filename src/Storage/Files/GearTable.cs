namespace Com.Storage.Files;

/// <summary>
/// One random 64-bit value per byte value, for the rolling hash of <see cref="ContentDefinedChunker"/>. The values are
/// generated from a fixed seed so every process, today and after upgrades, cuts the same content in the same places.
/// </summary>
internal static class GearTable
{
    private const ulong Seed = 0x434F4D5F46494C45; // "COM_FILE"

    public static readonly ulong[] Values = Generate();

    private static ulong[] Generate()
    {
        // SplitMix64: tiny, well mixed, and fully specified here, unlike System.Random whose sequence may change.
        var values = new ulong[256];
        var state = Seed;
        for (var i = 0; i < values.Length; i++)
        {
            state += 0x9E3779B97F4A7C15;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            values[i] = z ^ (z >> 31);
        }
        return values;
    }
}
