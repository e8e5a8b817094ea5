using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// One device's alarms: raised at random (a Poisson process at the configured rate) and each cleared a while
/// later. Alarms still open when a link drops are cleared on the next link, as a real system would report.
/// </summary>
internal sealed class AlarmSource(double perMinute)
{
    private static readonly TimeSpan ShortestOpen = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestOpen = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private readonly List<(AlarmMessage Alarm, DateTimeOffset ClearAt)> _open = [];
    private DateTimeOffset _nextRaise = DateTimeOffset.UtcNow + Interval(perMinute);

    public static bool IsEnabled(double perMinute) => perMinute > 0;

    /// <summary>Sends alarms until <paramref name="ct"/> ends the link; sends are not cancelled, as cancelling one would abort the socket.</summary>
    public async Task RunAsync(DeviceClient client, IReadOnlyList<ServerMessage> servers, FleetCounters counters, CancellationToken ct)
    {
        while (true)
        {
            var clearing = _open.Count == 0 ? -1 : IndexOfEarliestClear();
            var due = clearing >= 0 && _open[clearing].ClearAt < _nextRaise ? _open[clearing].ClearAt : _nextRaise;
            var wait = due - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                // Waiting in bounded steps keeps very low rates within Task.Delay's range.
                await Task.Delay(wait < LongestWait ? wait : LongestWait, ct);
                continue;
            }
            if (clearing >= 0 && due == _open[clearing].ClearAt)
            {
                await client.SendAsync(AlarmFactory.Clear(_open[clearing].Alarm), ProtocolJson.Default.AlarmMessage, CancellationToken.None);
                _open.RemoveAt(clearing);
            }
            else
            {
                var alarm = AlarmFactory.Raise(servers);
                await client.SendAsync(alarm, ProtocolJson.Default.AlarmMessage, CancellationToken.None);
                _open.Add((alarm, DateTimeOffset.UtcNow + OpenFor()));
                _nextRaise = DateTimeOffset.UtcNow + Interval(perMinute);
            }
            counters.AlarmSent();
        }
    }

    private int IndexOfEarliestClear()
    {
        var earliest = 0;
        for (var i = 1; i < _open.Count; i++)
        {
            if (_open[i].ClearAt < _open[earliest].ClearAt)
                earliest = i;
        }
        return earliest;
    }

    // Exponential gaps make the raises a Poisson process: bursts and lulls, not a metronome.
    private static TimeSpan Interval(double perMinute) =>
        TimeSpan.FromMinutes(-Math.Log(1 - Random.Shared.NextDouble()) / perMinute);

    private static TimeSpan OpenFor() =>
        ShortestOpen + (LongestOpen - ShortestOpen) * Random.Shared.NextDouble();
}
