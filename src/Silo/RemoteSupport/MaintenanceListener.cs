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
    IOptions<ProxySettings> options,
    X509Certificate2 certificate,
    ILogger<MaintenanceListener> logger) : IHostedService, IDisposable
{
    private const int BufferSize = 64 * 1024;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

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
        listener?.Dispose();
        await stopping.CancelAsync();
        if (accepting is not null)
            await accepting;
        // Relays end on the cancellation above; give them a moment to record their end, as Kestrel's shutdown did.
        try
        {
            await Task.WhenAll(connections.Keys).WaitAsync(DrainTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogUndrained(connections.Count);
        }
    }

    public void Dispose()
    {
        listener?.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptAsync(Socket socket)
    {
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
            catch (SocketException e)
            {
                // Out of descriptors, or a connection reset before it was accepted: the next one may well succeed.
                LogAcceptFailed(e);
                continue;
            }
            var serving = ServeAsync(accepted);
            connections.TryAdd(serving, 0);
            _ = serving.ContinueWith(done => connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await Task.Yield();
        var remote = socket.RemoteEndPoint as IPEndPoint;
        socket.NoDelay = true;
        await using var network = new NetworkStream(socket, ownsSocket: true);
        await using var stream = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
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
            await handler.HandleAsync(new MaintenanceConnection(new DuplexPipe(input, output), remote, stopping.Token));
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
                await output.CompleteAsync();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // Flushing what is left to a peer that is gone: nothing more to do with this connection.
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A maintenance connection from {Remote} failed")]
    private partial void LogConnectionFailed(Exception exception, IPEndPoint? remote);
}
