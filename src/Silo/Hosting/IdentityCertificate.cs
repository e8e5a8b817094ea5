using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Com.Silo.Hosting;

/// <summary>COM's HTTPS identity: loaded from disk, or generated self-signed (valid three years, SPEC CERT-1) on first start.</summary>
public static class IdentityCertificate
{
    public static X509Certificate2 LoadOrCreate(string path, IEnumerable<string> extraHostNames)
    {
        if (File.Exists(path))
            return WithPublicCopy(path, X509CertificateLoader.LoadPkcs12FromFile(path, password: null));

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var pfx = CreateSelfSigned(extraHostNames).Export(X509ContentType.Pfx);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, pfx);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another silo on this machine created it first: use theirs so every endpoint shows one identity.
            File.Delete(temporary);
        }
        return WithPublicCopy(path, X509CertificateLoader.LoadPkcs12FromFile(path, password: null));
    }

    /// <summary>Path of the public half (PEM) beside the PKCS#12 file: what devices, tools and browsers are given to trust.</summary>
    public static string PublicPath(string path) => Path.ChangeExtension(path, ".crt");

    private static X509Certificate2 WithPublicCopy(string path, X509Certificate2 certificate)
    {
        var pem = certificate.ExportCertificatePem();
        var publicPath = PublicPath(path);
        if (!File.Exists(publicPath) || File.ReadAllText(publicPath) != pem)
        {
            var temporary = $"{publicPath}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, pem);
            File.Move(temporary, publicPath, overwrite: true);
        }
        return certificate;
    }

    private static X509Certificate2 CreateSelfSigned(IEnumerable<string> extraHostNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=COM", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var host in extraHostNames.Append(Dns.GetHostName()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(host, out var address))
                names.AddIpAddress(address);
            else
                names.AddDnsName(host);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(3));
    }
}
