using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// TLS for the ports that carry tunnels, in place of Kestrel's <c>UseHttps</c>. Kestrel's TLS pipes cut a stream into
/// 4 KiB blocks and encrypt each as its own record, which is right for HTTP and costs a relay most of its CPU (ADR 17's
/// measurements); here writes gather into 64 KiB buffers, so records are full size, and reads wait with no buffer held,
/// so an idle tunnel still costs none.
/// </summary>
public static class BulkTls
{
    private const int BufferSize = 64 * 1024;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    public static ListenOptions UseBulkTls(this ListenOptions listen, X509Certificate2 certificate)
    {
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, null),
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        };
        listen.Use(next => async context =>
        {
            var plain = context.Transport;
            await using var tls = new SslStream(new DuplexPipeStream(plain), leaveInnerStreamOpen: true);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed);
                timeout.CancelAfter(HandshakeTimeout);
                await tls.AuthenticateAsServerAsync(options, timeout.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                // A client that cannot or will not finish the handshake gets nothing; Kestrel logs connection ends.
                return;
            }
            var input = PipeReader.Create(tls, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: BufferSize / 4, leaveOpen: true, useZeroByteReads: true));
            var output = PipeWriter.Create(tls, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true));
            context.Transport = new DuplexPipe(input, output);
            try
            {
                await next(context);
            }
            finally
            {
                context.Transport = plain;
                await input.CompleteAsync();
                await output.CompleteAsync();
            }
        });
        return listen;
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
