namespace Com.WebFront.RemoteSupport;

/// <summary>
/// Quoting for POSIX shells. Proxy passwords may hold any printable character (<see cref="Grains.Interfaces.RemoteSupport.ProxyAccountRules"/>),
/// and a pasted command must pass them through unchanged, whatever the shell would make of <c>$</c>, <c>!</c> or quotes.
/// </summary>
public static class Posix
{
    /// <summary><paramref name="text"/> as one shell word: unchanged when nothing in it is special, else in single quotes.</summary>
    public static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./_-".Contains(c))
            ? text
            : "'" + text.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// An option whose value a second shell reads again (ssh's ProxyCommand): in double quotes, as people write it, while
    /// that is exact; in single quotes when the value holds what double quotes would change or bash's history would expand.
    /// </summary>
    public static string QuoteOption(string name, string value) =>
        value.IndexOfAny(['"', '$', '`', '\\', '!']) < 0 ? $"{name}\"{value}\"" : Quote(name + value);
}
