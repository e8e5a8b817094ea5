using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// The maintenance port (SPEC RS-2): clients' CONNECTs and systems' dial-backs, TLS only, on its own sockets rather than
/// Kestrel's. A relay spends its CPU per read and per TLS record: Kestrel's transport reads at most 4 KiB at a time and
/// its TLS cuts a stream into 4 KiB records, right for HTTP but half a relay's CPU (ADR 17's measurements). Here the
/// socket is read straight into TLS records of full size and writes gather into 64 KiB buffers; reads wait with no
/// buffer held, so an idle tunnel still costs none.
/// </summary>
public sealed partial class MaintenanceListener(
    ProxyConnectionHandler handler,
    LiveTunnels live,
    IOptions<ProxySettings> options,
    X509Certificate2 certificate,
    ILogger<MaintenanceListener> logger) : IHostedService, IDisposable
{
    private const int BufferSize = 64 * 1024;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastFlushTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxAcceptBackoff = TimeSpan.FromSeconds(1);

    private readonly ProxySettings settings = options.Value;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, byte> connections = new();
    private readonly SslServerAuthenticationOptions tls = new()
    {
        ServerCertificateContext = SslStreamCertificateContext.Create(certificate, null),
        // HTTP/2 has no CONNECT of this kind; clients and systems speak HTTP/1.1 heads.
        ApplicationProtocols = [SslApplicationProtocol.Http11],
    };
    private Socket? listener;
    private Task? accepting;

    /// <summary>Binds before the silo reports started, so a port in use fails the start with its cause.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(settings.ListenAddress), settings.Port);
        listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(endpoint);
        listener.Listen(512);
        LogListening(endpoint);
        accepting = AcceptAsync(listener);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        listener?.Dispose();
        if (accepting is not null)
            await accepting;
        // Opening tunnels and head reads end on the cancellation above; relays are stopped here, and record their end.
        live.StopAll("the silo is stopping");
        var drained = Task.WhenAll(connections.Keys);
        await drained.WaitAsync(DrainTimeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!drained.IsCompleted)
            LogUndrained(connections.Count);
    }

    public void Dispose()
    {
        listener?.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptAsync(Socket socket)
    {
        var backoff = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await socket.AcceptAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // A client that gave up before it was accepted: the next one may well succeed.
                continue;
            }
            catch (SocketException e)
            {
                // Out of descriptors, say: retrying at once would spin, so wait a little longer each time.
                LogAcceptFailed(e);
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxAcceptBackoff.Ticks));
                await Task.Delay(backoff, stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            backoff = TimeSpan.Zero;
            var serving = ServeAsync(accepted);
            connections.TryAdd(serving, 0);
            _ = serving.ContinueWith(done => connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await Task.Yield();
        await using var network = new NetworkStream(socket, ownsSocket: true);
        var remote = socket.RemoteEndPoint as IPEndPoint;
        socket.NoDelay = true;
        var stopped = stopping.Token;
        await using var stream = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopped);
            handshake.CancelAfter(HandshakeTimeout);
            await stream.AuthenticateAsServerAsync(tls, handshake.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // A client that cannot or will not finish the handshake gets nothing.
            LogHandshakeFailed(remote, e.Message);
            return;
        }
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: BufferSize / 4, leaveOpen: true, useZeroByteReads: true));
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true));
        try
        {
            await handler.HandleAsync(new MaintenanceConnection(new DuplexPipe(input, output), remote, stopped));
        }
        catch (IOException e)
        {
            // A client that resets while it is answered: its own doing, not COM's failure.
            LogConnectionBroke(remote, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogConnectionFailed(e, remote);
        }
        finally
        {
            await input.CompleteAsync();
            try
            {
                // Completing flushes what is left; a peer that stops reading must not hold the connection for ever.
                await output.CompleteAsync().AsTask().WaitAsync(LastFlushTimeout);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or TimeoutException)
            {
                // A peer that is gone or stalled: closing the socket, next, ends the flush too.
            }
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance proxy listening on {Endpoint}")]
    private partial void LogListening(IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} maintenance connections were still ending when the silo stopped")]
    private partial void LogUndrained(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The maintenance port could not accept a connection")]
    private partial void LogAcceptFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "TLS handshake with {Remote} did not complete: {Reason}")]
    private partial void LogHandshakeFailed(IPEndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A maintenance connection from {Remote} broke: {Reason}")]
    private partial void LogConnectionBroke(IPEndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A maintenance connection from {Remote} failed")]
    private partial void LogConnectionFailed(Exception exception, IPEndPoint? remote);
}
