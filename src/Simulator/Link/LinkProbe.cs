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

    /// <summary>
    /// Passes when at least one address answers: devices move on from one that does not, as a system with a COM
    /// address down does, so that one is only reported.
    /// </summary>
    /// <exception cref="SimulatorException">No address can be reached with the pinned certificate.</exception>
    public static async Task CheckAnyAsync(IReadOnlyList<Uri> linkUris, X509Certificate2 trusted, TextWriter log, CancellationToken ct)
    {
        // In parallel, so a list of addresses costs one timeout at most, not one each.
        var failures = (await Task.WhenAll(linkUris.Select(uri => FailureOfAsync(uri, trusted, ct)))).OfType<SimulatorException>().ToList();
        if (failures.Count == linkUris.Count)
            throw failures.Count == 1 ? failures[0] : new SimulatorException(string.Join(Environment.NewLine, failures.Select(f => f.Message)), failures[0]);
        foreach (var failure in failures)
            log.WriteLine($"warning: {failure.Message} Devices will try the other addresses.");
    }

    private static async Task<SimulatorException?> FailureOfAsync(Uri linkUri, X509Certificate2 trusted, CancellationToken ct)
    {
        try
        {
            await CheckAsync(linkUri, trusted, ct);
            return null;
        }
        catch (SimulatorException e)
        {
            return e;
        }
    }

    /// <exception cref="SimulatorException">The endpoint cannot be reached or presents another certificate.</exception>
    private static async Task CheckAsync(Uri linkUri, X509Certificate2 trusted, CancellationToken ct)
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
