using System.IO.Compression;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Com.Grains.Interfaces.Accounts;
using Com.WebFront.Accounts;
using Microsoft.Extensions.Options;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// What support staff download to use the proxy (SPEC RS-4, RS-5): a Chrome extension applying the PAC file's rule,
/// and the utility kit, the proxy's certificate with a how-to for ssh, scp, PuTTY, curl and Chrome. Both are made on
/// the fly from this deployment's settings, so they name its own proxy.
/// </summary>
public static class RemoteSupportDownloads
{
    public const string ExtensionPath = "/remoteproxy/com-remote-support-chrome.zip";
    public const string KitPath = "/remoteproxy/com-remote-support-kit.zip";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] ExtensionPermissions = ["proxy"];

    public static WebApplication MapRemoteSupportDownloads(this WebApplication app, X509Certificate2 certificate)
    {
        var policy = CapabilityPolicies.For(Capability.RemoteSupportAddresses);
        app.MapGet(ExtensionPath, (IOptions<ProxySettings> options) => Zip("com-remote-support-chrome.zip", ChromeExtension(options.Value)))
            .RequireAuthorization(policy);
        app.MapGet(KitPath, (IOptions<ProxySettings> options) => Zip("com-remote-support-kit.zip", Kit(options.Value, certificate)))
            .RequireAuthorization(policy);
        return app;
    }

    public static IReadOnlyList<(string Name, string Text)> ChromeExtension(ProxySettings settings)
    {
        var manifest = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["manifest_version"] = 3,
            ["name"] = $"COM remote support ({settings.MaintenanceSuffix[1..]})",
            ["version"] = "1.0",
            ["description"] = $"Sends {settings.MaintenanceSuffix[1..]} hosts to COM's remote-support proxy, everything else directly.",
            ["permissions"] = ExtensionPermissions,
            ["background"] = new Dictionary<string, string> { ["service_worker"] = "background.js" },
        }, Indented);
        var script = new StringBuilder()
            .Append("// Applies COM's PAC rule whenever the browser starts or the extension is installed.\n")
            .Append("const pac = ").Append(JsonSerializer.Serialize(ProxyAutoConfig.Script(settings))).Append(";\n")
            .Append("function apply() {\n")
            .Append("  chrome.proxy.settings.set({ value: { mode: \"pac_script\", pacScript: { data: pac } }, scope: \"regular\" });\n")
            .Append("}\n")
            .Append("chrome.runtime.onInstalled.addListener(apply);\n")
            .Append("chrome.runtime.onStartup.addListener(apply);\n")
            .ToString();
        return [("manifest.json", manifest), ("background.js", script)];
    }

    public static IReadOnlyList<(string Name, string Text)> Kit(ProxySettings settings, X509Certificate2 certificate)
    {
        var proxy = settings.ProxyAddress;
        var host = $"<customer-id>{settings.MaintenanceSuffix}";
        var howTo = $"""
            COM remote support — how to reach a customer's system
            ======================================================

            The proxy is {proxy} (TLS). Sign in with the maintenance proxy account of the
            customer's reseller or distributor. Trust com-proxy-ca.crt (in this kit) for it.
            Hosts: <customer-id>[-<server>][-<nearby IPv4>]{settings.MaintenanceSuffix}
            (server names in lower case, other characters as single hyphens: "SE Primary" is se-primary).

            SSH (Linux, macOS; proxytunnel installed):
              ssh -o ProxyCommand="proxytunnel -E -C com-proxy-ca.crt -p {proxy} -d {host}:22 -P USER:PASSWORD" admin@{host}

            scp:
              scp -o ProxyCommand="proxytunnel -E -C com-proxy-ca.crt -p {proxy} -d {host}:22 -P USER:PASSWORD" file admin@{host}:/tmp/

            PuTTY (Windows): Connection > Proxy, type "Local", proxy host and port {proxy.Replace(':', ' ')},
            user name and password of the proxy account, telnet command:
              C:\path\to\proxytunnel.exe -E -C com-proxy-ca.crt -p %proxyhost:%proxyport -d %host:%port -P %user:%pass

            curl:
              curl --proxy https://{proxy} --proxy-cacert com-proxy-ca.crt --proxy-user USER:PASSWORD https://{host}:7071/login

            Chrome: install the extension from COM (Remote support > Chrome extension: unpack, then
            chrome://extensions > Developer mode > Load unpacked), or point the system's proxy settings at
            the PAC file https://<COM web address>/com/remoteproxy/proxy.pac. Chrome asks for the proxy
            account once per session.

            Remote desktop to a nearby server (its address and port 3389 allowed by the system):
              proxytunnel -a 13389 -E -C com-proxy-ca.crt -p {proxy} -d <customer-id>-<nearby IPv4>{settings.MaintenanceSuffix}:3389 -P USER:PASSWORD
              then connect the RDP client to localhost:13389.

            """;
        return [("com-proxy-ca.crt", certificate.ExportCertificatePem() + "\n"), ("HOWTO.txt", howTo)];
    }

    private static IResult Zip(string name, IReadOnlyList<(string Name, string Text)> entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (entryName, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entryName, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        return Results.File(buffer.ToArray(), "application/zip", name);
    }
}
