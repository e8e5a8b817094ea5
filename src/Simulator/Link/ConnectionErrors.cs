using System.Security.Authentication;

namespace Com.Simulator;

/// <summary>Turns the nested exceptions of a failed connection into the one line a person needs.</summary>
internal static class ConnectionErrors
{
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var chain = new List<Exception>();
        for (var e = error; e is not null; e = e.InnerException)
            chain.Add(e);
        if (chain.OfType<AuthenticationException>().FirstOrDefault() is { } tls)
            return $"TLS handshake failed; is COM's certificate the one given with --trust? ({tls.Message})";
        // Wrappers often repeat their inner message with a detail added; keep only the most detailed wording.
        var messages = chain.Select(e => e.Message).Distinct().ToList();
        return string.Join(": ", messages.Where(m => !messages.Any(other => other != m && other.Contains(m, StringComparison.Ordinal))));
    }
}
