using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Forwarder;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// Moves a Web Manager's addresses under <c>/&lt;customer-id&gt;</c> (or <c>/&lt;customer-id&gt;/&lt;a.b.c.d&gt;</c> for another
/// server of the system) and back: the request loses the prefix and COM's own cookie; redirects and cookies in the
/// answer gain the prefix, so the browser keeps each system's, and each server's, session apart. WebSocket upgrades
/// pass through unchanged otherwise: YARP forwards the upgrade and its headers itself.
/// </summary>
public sealed class RelayTransformer(string customerId, string? serverAddress = null) : HttpTransformer
{
    private string Prefix => "/" + customerId + (serverAddress is null ? "" : "/" + serverAddress);

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var rest = (httpContext.Request.Path.Value ?? "")[Prefix.Length..];
        // Re-encoded, so an escaped ?, # or % in the path stays part of the path.
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(rest.Length == 0 ? "/" : rest), httpContext.Request.QueryString);
        if (proxyRequest.Headers.TryGetValues("Cookie", out var cookies))
        {
            var kept = string.Join("; ", cookies.SelectMany(c => c.Split(';')).Select(c => c.Trim())
                .Where(c => c.Length > 0 && !c.StartsWith(AdminRelay.CookieName + "=", StringComparison.Ordinal)));
            proxyRequest.Headers.Remove("Cookie");
            if (kept.Length > 0)
                proxyRequest.Headers.TryAddWithoutValidation("Cookie", kept);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var go = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var headers = httpContext.Response.Headers;
        if (headers.Location is { Count: 1 } location && location[0] is { } target)
            headers.Location = Relocate(target);
        if (headers.SetCookie.Count > 0)
            headers.SetCookie = new StringValues([.. headers.SetCookie.Select(c => Rescope(c ?? ""))]);
        return go;
    }

    /// <summary>A redirect to the Web Manager's own path, absolute or not, stays on the relay under the customer.</summary>
    public string Relocate(string location)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return Prefix + absolute.PathAndQuery;
        return location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) ? Prefix + location : location;
    }

    /// <summary>A cookie's path moves under the customer's; its domain goes, so it stays with the relay's host.</summary>
    public string Rescope(string setCookie)
    {
        var parts = setCookie.Split(';').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var rescoped = new List<string> { parts[0] };
        var hasPath = false;
        foreach (var attribute in parts.Skip(1))
        {
            if (attribute.StartsWith("domain=", StringComparison.OrdinalIgnoreCase))
                continue;
            if (attribute.StartsWith("path=", StringComparison.OrdinalIgnoreCase))
            {
                var path = attribute[5..];
                rescoped.Add("Path=" + Prefix + (path.StartsWith('/') ? path : "/" + path));
                hasPath = true;
                continue;
            }
            rescoped.Add(attribute);
        }
        if (!hasPath)
            rescoped.Add("Path=" + Prefix + "/");
        return string.Join("; ", rescoped);
    }
}
