namespace Com.Simulator;

/// <summary>For sends nobody waits for: a failed send only repeats that its link is gone, which the link's reader reports.</summary>
internal static class SendObserver
{
    public static void Forget(Task send)
    {
        if (send.IsCompleted)
            _ = send.Exception;
        else
            send.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
