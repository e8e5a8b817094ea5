using System.Buffers;
using System.Net.WebSockets;

namespace Com.Silo.Devices;

/// <summary>
/// The end of a close handshake that COM started. Closing the TCP connection while a device is still sending (the rest
/// of an over-size frame) resets it, and the reset destroys the refusal and the close frame before the device reads
/// them: the device sees 1006 and never learns why. So COM reads and discards until the device's close arrives.
/// </summary>
internal static class CloseDrain
{
    /// <summary>Long enough for a device to finish sending a large frame over a slow line; a peer that never closes is cut off after it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task AwaitPeerCloseAsync(WebSocket socket, TimeProvider time)
    {
        if (socket.State != WebSocketState.CloseSent)
            return;
        using var deadline = new CancellationTokenSource(Patience, time);
        var scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(scratch.AsMemory(), deadline.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    return;
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The device dropped the connection or never closed: either way there is nothing left to tell it.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
