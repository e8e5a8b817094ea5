using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Com.Silo.RemoteSupport;

namespace Com.Tests.RemoteSupport;

/// <summary>The PAC rule, the Chrome extension that applies it, and the utility kit, as this deployment's settings make them.</summary>
[Trait("Category", "Unit")]
public sealed class RemoteSupportDownloadsTests
{
    private static readonly ProxySettings Settings = new() { Domain = "com.example", Port = 6443 };

    [Fact]
    public void ThePacFileSendsOnlyTunnelHostsToTheProxy()
    {
        var script = ProxyAutoConfig.Script(Settings);
        script.ShouldContain("dnsDomainIs(host, \".maint.com.example\")");
        script.ShouldContain("return \"HTTPS maint.com.example:6443\";");
        script.ShouldContain("return \"DIRECT\";");
        ProxyAutoConfig.Script(new ProxySettings { Domain = "com.example", PublicAddress = "proxy.example.net:443" })
            .ShouldContain("\"HTTPS proxy.example.net:443\"");
    }

    [Fact]
    public void TheChromeExtensionAppliesThePacRule()
    {
        var files = RemoteSupportDownloads.ChromeExtension(Settings).ToDictionary(f => f.Name, f => f.Text);
        var manifest = JsonDocument.Parse(files["manifest.json"]).RootElement;
        manifest.GetProperty("manifest_version").GetInt32().ShouldBe(3);
        manifest.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["proxy"]);
        manifest.GetProperty("background").GetProperty("service_worker").GetString().ShouldBe("background.js");
        files["background.js"].ShouldContain("mode: \"pac_script\"");
        // The PAC script travels as a JSON string literal inside the worker.
        files["background.js"].ShouldContain(JsonSerializer.Serialize(ProxyAutoConfig.Script(Settings)));
    }

    [Fact]
    public void TheKitHoldsTheProxysCertificateAndAHowTo()
    {
        using var key = ECDsa.Create();
        using var certificate = new CertificateRequest("CN=maint.com.example", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var files = RemoteSupportDownloads.Kit(Settings, certificate).ToDictionary(f => f.Name, f => f.Text);
        X509Certificate2.CreateFromPem(files["com-proxy-ca.crt"]).RawData.ShouldBe(certificate.RawData);
        files["HOWTO.txt"].ShouldContain("proxytunnel -E -C com-proxy-ca.crt -p maint.com.example:6443 -d <customer-id>.maint.com.example:22");
        files["HOWTO.txt"].ShouldContain("curl --proxy https://maint.com.example:6443");
        files["HOWTO.txt"].ShouldContain("%proxyhost:%proxyport");
    }
}
