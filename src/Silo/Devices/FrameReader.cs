using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Com.DeviceProtocol;

namespace Com.Silo.Devices;

/// <summary>Reads whole frames from a device, refusing any larger than the protocol's cap without buffering it.</summary>
public static class FrameReader
{
    public enum Kind { Text, Binary, Closed, TooLarge }

    public sealed record Frame(Kind Kind, string Text = "", int Length = 0);

    public static async Task<Frame> ReadAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        // An idle link waits here holding no buffer: with thousands of links almost all of them are idle, and renting
        // the frame buffer before data arrives would pin 64 KiB per link.
        var first = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
        if (first.MessageType == WebSocketMessageType.Close)
            return new Frame(Kind.Closed);
        if (first.EndOfMessage)
            return first.MessageType == WebSocketMessageType.Text ? new Frame(Kind.Text) : new Frame(Kind.Binary);
        return await ReadRestAsync(socket, cancellationToken);
    }

    private static async Task<Frame> ReadRestAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ProtocolLimits.MaxTextFrameBytes + 1);
        try
        {
            var length = 0;
            while (true)
            {
                var room = buffer.Length - length;
                if (room == 0)
                    return new Frame(Kind.TooLarge);
                var result = await socket.ReceiveAsync(buffer.AsMemory(length, room), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                    return new Frame(Kind.Closed);
                length += result.Count;
                if (length > ProtocolLimits.MaxTextFrameBytes)
                    return new Frame(Kind.TooLarge);
                if (!result.EndOfMessage)
                    continue;
                return result.MessageType == WebSocketMessageType.Text
                    ? new Frame(Kind.Text, Encoding.UTF8.GetString(buffer, 0, length), length)
                    : new Frame(Kind.Binary, Length: length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
