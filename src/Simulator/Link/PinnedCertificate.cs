using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Com.Simulator;

/// <summary>
/// Trusts exactly one certificate, the one COM wrote as PEM. COM's certificate is self-signed, so chain
/// and name checks would always fail; comparing the raw bytes is stricter than both and never switched off.
/// </summary>
public static class PinnedCertificate
{
    /// <summary>Reads the first certificate of a PEM file.</summary>
    public static X509Certificate2 Load(string pemPath)
    {
        if (!File.Exists(pemPath))
            throw new FileNotFoundException($"The trusted certificate {pemPath} does not exist.", pemPath);
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"{pemPath} holds no PEM certificate: {e.Message}", e);
        }
    }

    public static bool Matches(X509Certificate? presented, X509Certificate2 trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        return presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData);
    }

    /// <summary>A TLS validation callback that ignores policy errors and accepts only the pinned certificate.</summary>
    public static RemoteCertificateValidationCallback Validator(X509Certificate2 trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        return (_, certificate, _, _) => Matches(certificate, trusted);
    }
}
