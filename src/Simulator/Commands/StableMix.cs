using System.Text;

namespace Com.Simulator;

/// <summary>
/// Deterministic numbers for configurations and backup padding. <see cref="Random"/> and string hash codes are
/// not promised to stay the same across runtimes or processes, and a configuration must hash the same every run.
/// </summary>
internal static class StableMix
{
    /// <summary>SplitMix64's finaliser: neighbouring inputs give unrelated outputs.</summary>
    public static ulong Mix(ulong value)
    {
        var z = unchecked(value + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    public static ulong Mix(ulong a, ulong b) => Mix(unchecked(Mix(a) + b));

    public static ulong Mix(ulong a, ulong b, ulong c) => Mix(Mix(a, b), c);

    /// <summary>FNV-1a over the text's UTF-8 bytes, mixed.</summary>
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            hash = unchecked((hash ^ b) * 1099511628211UL);
        return Mix(hash);
    }

    public static int Below(ulong value, int bound) => (int)(value % (ulong)bound);

    public static T Pick<T>(ulong value, IReadOnlyList<T> items) => items[Below(value, items.Count)];
}
