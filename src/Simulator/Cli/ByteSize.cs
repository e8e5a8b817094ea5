using System.Globalization;
using System.Text.RegularExpressions;

namespace Com.Simulator;

/// <summary>Reads a size such as <c>200M</c>, <c>1.5G</c>, <c>64KiB</c> or <c>1048576</c>; suffixes are powers of 1024.</summary>
internal static partial class ByteSize
{
    /// <exception cref="FormatException">Not a size, or outside 0 to <paramref name="max"/>.</exception>
    public static long Parse(string name, string value, long max)
    {
        var match = SizePattern().Match(value.Trim());
        var multiplier = match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "K" => 1024L,
            "M" => 1024L * 1024,
            "G" => 1024L * 1024 * 1024,
            _ => 1L,
        };
        return match.Success
               && double.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
               && number * multiplier is var bytes and >= 0 && bytes <= max
            ? (long)bytes
            : throw new FormatException($"{name} must be a size from 0 to {max / (1024 * 1024)}M, such as 200M, 1.5G or 65536, not '{value}'.");
    }

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?)\s*(?<unit>[KMG])?(i?B)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
