using System.Text;
using Microsoft.Extensions.Options;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// The PAC file (SPEC RS-4) at <c>/com/remoteproxy/proxy.pac</c>: the same for everyone, so a browser configured once
/// sends tunnel hosts to COM's proxy and everything else directly. Served without sign-in, since browsers fetch PAC
/// files without cookies; it holds nothing but the domain and the proxy's address.
/// </summary>
public static class ProxyAutoConfig
{
    public const string Path = "/remoteproxy/proxy.pac";
    public const string ContentType = "application/x-ns-proxy-autoconfig";

    public static string Script(ProxySettings settings)
    {
        var suffix = settings.MaintenanceSuffix;
        return new StringBuilder()
            .Append("// COM remote support: hosts under ").Append(suffix[1..]).Append(" go through COM's proxy, everything else directly.\n")
            .Append("function FindProxyForURL(url, host) {\n")
            .Append("  host = host.toLowerCase();\n")
            .Append("  if (dnsDomainIs(host, \"").Append(suffix).Append("\"))\n")
            .Append("    return \"HTTPS ").Append(settings.ProxyAddress).Append("\";\n")
            .Append("  return \"DIRECT\";\n")
            .Append("}\n")
            .ToString();
    }

    public static WebApplication MapProxyAutoConfig(this WebApplication app)
    {
        app.MapGet(Path, (IOptions<ProxySettings> options) => Results.Text(Script(options.Value), ContentType, Encoding.UTF8))
            .AllowAnonymous();
        return app;
    }
}
