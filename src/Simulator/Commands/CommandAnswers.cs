using System.Net.WebSockets;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>Sends a command's progress and result on its link; a link that is gone is no error, only nobody to tell.</summary>
internal static class CommandAnswers
{
    private const int MaxDetail = 512;

    public static async Task<bool> ResultAsync(DeviceClient client, string id, bool ok, string? detail)
    {
        var message = new ResultMessage(id, ok, detail is { Length: > MaxDetail } ? detail[..(MaxDetail - 1)] + "…" : detail);
        try
        {
            await client.SendAsync(message, ProtocolJson.Default.ResultMessage, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (IsLinkGone(e))
        {
            return false;
        }
    }

    public static Task ProgressAsync(DeviceClient client, string id, string server, int percent) =>
        Observe(client.SendAsync(new ProgressMessage(id, server, percent), ProtocolJson.Default.ProgressMessage, CancellationToken.None));

    public static bool IsLinkGone(Exception e) =>
        e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException;

    // A progress nobody waits for must not leave an unobserved exception behind when the link drops.
    private static async Task Observe(Task send)
    {
        try
        {
            await send;
        }
        catch (Exception e) when (IsLinkGone(e))
        {
            // The result, or the link's end, tells the rest.
        }
    }
}
