using Ganss.Xss;

namespace Com.Grains.Preferences;

/// <summary>SPEC AUTH-6: the sign-in banner keeps headings, paragraphs, bold, italic and underline, and nothing else.</summary>
public static class BannerSanitizer
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "b", "strong", "i", "em", "u" })
            sanitizer.AllowedTags.Add(tag);
        // No attribute at all: no styles, links, handlers or classes can ride along.
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedAtRules.Clear();
        // Text inside removed tags stays (a link's words, say), except the code of scripts and styles.
        sanitizer.KeepChildNodes = true;
        sanitizer.RemovingTag += (_, e) =>
        {
            if (e.Tag.TagName is "SCRIPT" or "STYLE" or "TEMPLATE" or "NOSCRIPT")
                e.Tag.TextContent = "";
        };
        return sanitizer;
    }
}
