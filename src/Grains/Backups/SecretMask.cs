using System.Buffers;
using System.Text.RegularExpressions;

namespace Com.Grains.Backups;

/// <summary>
/// Hides the values of settings whose name suggests a secret (password, passwd, secret, key, token, pin, community, in
/// any case and anywhere in the name) in one configuration line, so no diff row can show one. Forms understood on a
/// single line: <c>name=value</c> and <c>name: value</c> (a bare value at the start of a line is hidden to its end; quoted
/// values and pairs inside a line, such as connection strings, up to their closing quote or the next <c>; &amp; ,</c>),
/// XML elements <c>&lt;Password&gt;…&lt;/Password&gt;</c>, attributes <c>password="…"</c>, and a <c>value</c> next to
/// a <c>key</c> or <c>name</c> that names a secret (<c>&lt;add key="DbPassword" value="…"/&gt;</c>, where the name itself
/// stays readable).
/// Matching on a substring errs towards hiding too much ("Mapping" has "pin"): a hidden harmless value costs a reader a
/// click, a shown password cannot be taken back. A value spread over several lines is not recognised.
/// </summary>
internal static partial class SecretMask
{
    /// <summary>Always the same length, so the mask tells nothing about the secret's.</summary>
    public const string Mask = "••••••";

    private const string Terms = "password|passwd|secret|key|token|pin|community";
    private const string SecretName = @"[\w.\-]*(?:" + Terms + @")[\w.\-]*";
    private const string QuotedValue = @"(?<q>[""'])(?<value>(?:\\.?|(?!\k<q>)[^\\])*)(?:\k<q>|$)";
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // A pathological line (megabytes without a break) must not stall a diff; it is hidden whole instead.
    private const int TimeoutMs = 2000;

    // Every rule needs one of the terms somewhere in the line; most lines have none and skip the expressions.
    private static readonly SearchValues<string> AnyTerm = SearchValues.Create(Terms.Split('|'), StringComparison.OrdinalIgnoreCase);

    public static string Apply(string line)
    {
        if (!line.AsSpan().ContainsAny(AnyTerm))
            return line;
        try
        {
            return ApplyRules(line);
        }
        catch (RegexMatchTimeoutException)
        {
            return Mask;
        }
    }

    private static string ApplyRules(string line)
    {
        var namedByAttribute = SecretNamedByAttribute().IsMatch(line);
        var masked = Element().Replace(line, m =>
            TermInTag().IsMatch(m.Groups["tag"].Value) || SecretNamedByAttribute().IsMatch(m.Groups["attrs"].Value) ? Hide(m) : m.Value);
        if (namedByAttribute)
            masked = ValueAttribute().Replace(masked, Hide);
        var wholeLine = WholeLineValue().Match(masked);
        if (wholeLine.Success)
            return Hide(wholeLine);
        var hasValueField = ValueField().IsMatch(masked);
        return Pair().Replace(masked, m => hasValueField && m.Groups["name"].Value.Trim('"', '\'').Equals("key", StringComparison.OrdinalIgnoreCase) ? m.Value : Hide(m));
    }

    private static string Hide(Match match)
    {
        var value = match.Groups["value"];
        if (value.Length == 0)
            return match.Value;
        var start = value.Index - match.Index;
        return string.Concat(match.Value.AsSpan(0, start), Mask, match.Value.AsSpan(start + value.Length));
    }

    [GeneratedRegex(@"^\s*(?:-\s+)?[""']?" + SecretName + @"[""']?\s*[=:]\s*(?<value>[^""'\s].*)$", Options, TimeoutMs)]
    private static partial Regex WholeLineValue();

    [GeneratedRegex(@"(?<![\w.\-])(?<name>[""']?" + SecretName + @"[""']?)\s*[=:]\s*(?:" + QuotedValue + @"|(?<value>[^;&,""'<>\s][^;&,""'<>]*))", Options, TimeoutMs)]
    private static partial Regex Pair();

    [GeneratedRegex(@"<(?<tag>[\w.\-:]+)(?<attrs>\s[^>]*)?(?<!/)>(?<value>[^<]*[^<\s][^<]*)", Options, TimeoutMs)]
    private static partial Regex Element();

    [GeneratedRegex(Terms, Options, TimeoutMs)]
    private static partial Regex TermInTag();

    [GeneratedRegex(@"(?<![\w.\-])[""']?(?:key|name)[""']?\s*[=:]\s*[""'][^""']*(?:" + Terms + ")", Options, TimeoutMs)]
    private static partial Regex SecretNamedByAttribute();

    [GeneratedRegex(@"(?<![\w.\-])[""']?value[""']?\s*[=:]\s*" + QuotedValue, Options, TimeoutMs)]
    private static partial Regex ValueAttribute();

    // In <add key="Timeout" value="30"/>, "key" holds the setting's name, not a secret; the value next to it is judged by
    // that name (ValueAttribute) instead.
    [GeneratedRegex(@"(?<![\w.\-])[""']?value[""']?\s*[=:]", Options, TimeoutMs)]
    private static partial Regex ValueField();
}
