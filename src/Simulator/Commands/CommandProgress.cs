namespace Com.Simulator;

/// <summary>
/// The progress of one command, sent for every server of the system: at each tenth of the transfer, and at
/// least every 30 s while a slow one goes on, since COM fails a command that says nothing for 2 minutes.
/// </summary>
internal sealed class CommandProgress(DeviceClient client, string id, IReadOnlyList<string> servers)
{
    private static readonly long KeepAliveMilliseconds = (long)TimeSpan.FromSeconds(30).TotalMilliseconds;
    private int _sentPercent = -1;
    private long _sentAt;
    private Task _lastSend = Task.CompletedTask;

    public void Report(long done, long total)
    {
        var percent = total <= 0 ? 0 : (int)Math.Min(99, done * 100 / total);
        var step = percent / 10 * 10;
        if (step > _sentPercent || Environment.TickCount64 - _sentAt >= KeepAliveMilliseconds)
            Send(step);
    }

    /// <summary>100 % on every server; completes once it is sent (or the link is gone).</summary>
    public Task FinishAsync()
    {
        Send(100);
        return _lastSend;
    }

    private void Send(int percent)
    {
        _sentPercent = percent;
        _sentAt = Environment.TickCount64;
        // Frames leave in call order, so the last one sent means every earlier one has gone.
        foreach (var server in servers)
            _lastSend = CommandAnswers.ProgressAsync(client, id, server, percent);
    }
}
