using System.ComponentModel.DataAnnotations;

namespace Com.Silo.Hosting;

/// <summary>The HTTPS endpoint that serves the web UI, health probes and the cluster dashboard.</summary>
public sealed class WebSettings
{
    public const string Section = "Com:Web";
    public const string PathBase = "/com";

    [Range(0, 65535)]
    public int Port { get; set; } = 7080;

    /// <summary>Address Kestrel binds to; loopback unless an operator opens it up.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>PKCS#12 file holding the identity certificate; generated (self-signed) on first start when missing.</summary>
    [Required]
    public string CertificatePath { get; set; } = ".data/certs/com.pfx";

    /// <summary>Host names the generated certificate is valid for, besides localhost.</summary>
    public string[] CertificateHostNames { get; set; } = [];
}
