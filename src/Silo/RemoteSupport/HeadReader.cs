using System.Buffers;
using System.IO.Pipelines;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// Reads a request head up to its blank line from the client's pipe, within a size limit and a deadline for the whole
/// head (not per byte, or a client sending a byte a second would hold the socket for ever). Bytes after the head stay
/// in the pipe for the tunnel.
/// </summary>
public static class HeadReader
{
    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    public static async Task<(byte[]? Head, int Status, string? Problem)> ReadAsync(PipeReader input, int maxBytes, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, 408, $"the request head did not arrive within {deadline.TotalSeconds:0} s");
            }
            var buffer = result.Buffer;
            if (Find(buffer) is { } end)
            {
                var length = buffer.Slice(0, end).Length;
                if (length > maxBytes)
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                    return (null, 431, $"the request head is over {maxBytes} bytes");
                }
                var head = buffer.Slice(0, end).ToArray();
                input.AdvanceTo(end);
                return (head, 200, null);
            }
            if (buffer.Length > maxBytes)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                return (null, 431, $"the request head is over {maxBytes} bytes");
            }
            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                return (null, 400, "the connection ended before the request head did");
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static SequencePosition? Find(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, EndOfHead) ? reader.Position : null;
    }
}
