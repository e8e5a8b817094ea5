using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Com.Simulator;

/// <summary>
/// Checks once, before any device starts, that COM's link endpoint answers TLS with the pinned certificate,
/// so a wrong address or certificate gives one clear error instead of thousands of retrying devices.
/// A TLS handshake is enough: opening a WebSocket without a hello would only make COM log a timeout.
/// </summary>
internal static class LinkProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <exception cref="SimulatorException">The endpoint cannot be reached or presents another certificate.</exception>
    public static async Task CheckAsync(Uri linkUri, X509Certificate2 trusted, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(linkUri.Host, linkUri.Port, timeout.Token);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions { TargetHost = linkUri.IdnHost, RemoteCertificateValidationCallback = PinnedCertificate.Validator(trusted) },
                timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new SimulatorException($"COM's device link at {linkUri} did not answer within {Timeout.TotalSeconds:0} s.", e);
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            throw new SimulatorException($"COM's device link at {linkUri} cannot be reached: {ConnectionErrors.Describe(e)}", e);
        }
    }
}
