using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Com.WebFront.Resources;

namespace Com.Tests.WebFront;

/// <summary>Finds the UI's English texts in a page that should be French: every English resource text that its French one differs from.</summary>
public static class EnglishLeftovers
{
    private static readonly ResourceManager Strings = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    // Placeholders ({0}, {all_items}) split a text into the parts that appear on the page as they are.
    private static readonly Regex Placeholder = new(@"\{[^}]*\}");

    private static readonly Lazy<IReadOnlyList<Regex>> Tells = new(BuildTells);

    /// <summary>The English texts found in <paramref name="text"/>, as whole words.</summary>
    public static IReadOnlyList<string> In(string text) => [.. Tells.Value.Where(t => t.IsMatch(text)).Select(t => t.ToString())];

    private static List<Regex> BuildTells()
    {
        var french = Texts(CultureInfo.GetCultureInfo("fr"));
        var frenchParts = string.Join('\n', french.Values);
        return [.. Texts(CultureInfo.InvariantCulture)
            .Where(e => french.GetValueOrDefault(e.Key) != e.Value)
            .SelectMany(e => Placeholder.Split(e.Value))
            .Select(part => part.Trim(' ', ':', '.', ',', '(', ')', '·', '…'))
            // Short parts ("of", "ID") and parts French shares ("Version", "Notes") tell nothing.
            .Where(part => part.Length >= 4 && part.Any(char.IsLetter) && !frenchParts.Contains(part, StringComparison.Ordinal))
            .Distinct()
            // Whole words, and not inside a dotted type name such as Com.Grains.Customers.CustomerGrain (cluster page data).
            .Select(part => new Regex($@"(?<![\w.]){Regex.Escape(part)}(?!\w|\.\w)"))];
    }

    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        Strings.GetResourceSet(culture, true, false)!.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
}
