using System.Buffers;
using System.IO.Pipelines;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// Moves one tunnel's bytes between the client's connection and the system's data connection, socket to socket on this
/// silo. Both are <see cref="MaintenanceListener"/> connections, whose reads wait with no buffer held, so an idle tunnel costs no
/// read buffer. The first side to end, or <see cref="Close"/>, ends both.
/// </summary>
public sealed class TunnelRelay(IDuplexPipe client, IDuplexPipe system, TimeProvider time) : ILiveTunnel, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private long up;
    private long down;
    private long lastActivity = time.GetTimestamp();
    private string? stopReason;

    public long BytesUp => Interlocked.Read(ref up);

    public long BytesDown => Interlocked.Read(ref down);

    public TimeSpan Idle => time.GetElapsedTime(Interlocked.Read(ref lastActivity));

    public void Close(string reason)
    {
        Interlocked.CompareExchange(ref stopReason, reason, null);
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The sweep or a terminate can still hold a relay that just ended; there is nothing left to stop.
        }
    }

    /// <summary>Relays until either side ends or <see cref="Close"/>; returns why it ended.</summary>
    public async Task<string> RunAsync()
    {
        var upward = PumpAsync(client.Input, system.Output, Direction.Up);
        var downward = PumpAsync(system.Input, client.Output, Direction.Down);
        var first = await Task.WhenAny(upward, downward);
        var reason = stopReason ?? await first;
        stop.Cancel();
        await Task.WhenAll(upward, downward);
        return reason;
    }

    public void Dispose() => stop.Dispose();

    private enum Direction
    {
        Up,
        Down,
    }

    private async Task<string> PumpAsync(PipeReader from, PipeWriter to, Direction direction)
    {
        var (reader, writer) = direction == Direction.Up ? ("client", "system") : ("system", "client");
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(stop.Token);
                var buffer = read.Buffer;
                if (!buffer.IsEmpty)
                {
                    foreach (var segment in buffer)
                        to.Write(segment.Span);
                    var flushed = await to.FlushAsync(stop.Token);
                    Interlocked.Add(ref direction == Direction.Up ? ref up : ref down, buffer.Length);
                    Interlocked.Exchange(ref lastActivity, time.GetTimestamp());
                    if (flushed.IsCompleted)
                    {
                        from.AdvanceTo(buffer.End);
                        return $"the {writer} closed the tunnel";
                    }
                }
                from.AdvanceTo(buffer.End);
                if (read.IsCompleted)
                    return $"the {reader} closed the tunnel";
            }
        }
        catch (OperationCanceledException)
        {
            return stopReason ?? "stopped";
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // Which side broke is not always knowable from here; the message says what the socket said.
            return $"the connection broke between the {reader} and the {writer} ({e.GetType().Name}: {e.Message})";
        }
    }
}
