using System.IO.Pipelines;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// Notices a client hanging up while nothing else reads its connection, such as while its tunnel opens: one read that
/// consumes nothing, so bytes the client sent early stay for the relay. Ended by <see cref="PipeReader.CancelPendingRead"/>.
/// </summary>
public static class HangUpWatch
{
    public static async Task RunAsync(PipeReader input, CancellationTokenSource hangUp)
    {
        try
        {
            var read = await input.ReadAsync();
            input.AdvanceTo(read.Buffer.Start);
            if (read.IsCompleted && read.Buffer.IsEmpty)
                await hangUp.CancelAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            await hangUp.CancelAsync();
        }
    }
}
