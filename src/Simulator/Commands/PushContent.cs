using System.Net;
using System.Net.Http.Headers;

namespace Com.Simulator;

/// <summary>
/// A request body written by the code that produces it, straight into the connection as the request goes out
/// (like ASP.NET's old PushStreamContent): nothing is buffered, and a producer that throws tears the request.
/// </summary>
internal sealed class PushContent : HttpContent
{
    private readonly Func<Stream, CancellationToken, Task> _write;
    private readonly long? _length;

    /// <param name="write">Writes the whole body into the stream it is given.</param>
    /// <param name="length">The body's exact length if known; null sends it chunked.</param>
    public PushContent(Func<Stream, CancellationToken, Task> write, long? length)
    {
        _write = write;
        _length = length;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        _write(stream, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _write(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = _length ?? 0;
        return _length.HasValue;
    }
}
