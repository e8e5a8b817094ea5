using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Com.Simulator;

/// <summary>
/// The HTTPS client of backups and restores: one for the whole fleet, since files are rare next to links and
/// its connection pool serves every device. It pins COM's certificate exactly as the link does.
/// </summary>
internal static class FilesClient
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    // Kept short: a fleet's uploads come in waves, and idle connections to a silo that died would only fail.
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    public static HttpClient Create(X509Certificate2 trusted) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectTimeout = ConnectTimeout,
        PooledConnectionIdleTimeout = IdleTimeout,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = PinnedCertificate.Validator(trusted) },
    })
    {
        // A backup of hundreds of MB may take long; the command's own cancellation ends a transfer instead.
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The file's address: the link's host and port, https for wss (http for ws), and COM's path.</summary>
    public static Uri For(Uri link, string path)
    {
        ArgumentNullException.ThrowIfNull(link);
        var builder = new UriBuilder(link)
        {
            Scheme = link.Scheme == Uri.UriSchemeWs ? Uri.UriSchemeHttp : Uri.UriSchemeHttps,
            Port = link.Port,
            Path = path,
            Query = string.Empty,
            Fragment = string.Empty,
        };
        return builder.Uri;
    }
}
