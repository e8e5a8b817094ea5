using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Com.DeviceProtocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Com.Harness.Baselines;

/// <summary>
/// The physical-limit baseline for links: bare Kestrel on the same TLS certificate, welcoming every hello without a
/// check, acknowledging every id and echoing everything else. No Orleans, no database: what is left is sockets and TLS.
/// </summary>
public static class EchoLinkServer
{
    public static async Task RunAsync(string address, int port, string certificatePath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, null);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(address), port, l => l.UseHttps(certificate)));
        await using var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.Map(ProtocolLimits.LinkPath, async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await ServeAsync(socket, context.RequestAborted);
        });
        await app.RunAsync();
    }

    private static async Task ServeAsync(WebSocket socket, CancellationToken aborted)
    {
        var buffer = new byte[ProtocolLimits.MaxTextFrameBytes];
        try
        {
            while (true)
            {
                // Same idle-memory technique as COM's gateway, so the baseline is a fair floor.
                var peek = await socket.ReceiveAsync(Memory<byte>.Empty, aborted);
                if (peek.MessageType == WebSocketMessageType.Close)
                    return;
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), aborted);
                    length += result.Count;
                }
                while (!result.EndOfMessage && length < buffer.Length);
                if (result.MessageType == WebSocketMessageType.Close)
                    return;
                await socket.SendAsync(Answer(buffer.AsSpan(0, length)) ?? buffer.AsMemory(0, length), WebSocketMessageType.Text, true, aborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The device went away.
        }
    }

    private static byte[]? Answer(ReadOnlySpan<byte> frame)
    {
        var envelope = JsonSerializer.Deserialize(frame, ProtocolJson.Default.Envelope);
        return envelope?.Type switch
        {
            MessageTypes.Hello => JsonSerializer.SerializeToUtf8Bytes(
                new WelcomeMessage(envelope.Id, ProtocolLimits.Version, Guid.NewGuid().ToString(), 30, "Connected"), ProtocolJson.Default.WelcomeMessage),
            MessageTypes.Alarm or MessageTypes.Status when envelope.Id is not null =>
                JsonSerializer.SerializeToUtf8Bytes(new AckMessage(envelope.Id), ProtocolJson.Default.AckMessage),
            _ => null,
        };
    }
}
