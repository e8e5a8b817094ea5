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
    public async Task RunAsync(AlarmOutbox outbox, IReadOnlyList<ServerMessage> servers, CancellationToken ct)
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
            // The outbox owns a message once it has it (it sends it again after a failed send), so the list
            // of open alarms changes before the send is awaited.
            AlarmMessage? message = null;
            if (clearing >= 0 && due == _open[clearing].ClearAt)
            {
                message = AlarmFactory.Clear(_open[clearing].Alarm);
                _open.RemoveAt(clearing);
            }
            else
            {
                _nextRaise = DateTimeOffset.UtcNow + Interval(perMinute);
                message = RaiseUnlikeOpenOnes(servers);
                if (message is not null)
                    _open.Add((message, DateTimeOffset.UtcNow + OpenFor()));
            }
            if (message is not null)
                await outbox.Send(message, fromStorm: false);
        }
    }

    /// <summary>
    /// COM keys an alarm by server, category and description, so a second open alarm with the same key would be
    /// one alarm there and two here; after a few draws that all repeat an open one, this raise is skipped.
    /// </summary>
    private AlarmMessage? RaiseUnlikeOpenOnes(IReadOnlyList<ServerMessage> servers)
    {
        for (var draw = 0; draw < 5; draw++)
        {
            var alarm = AlarmFactory.Raise(servers);
            if (!_open.Any(o => o.Alarm.Server == alarm.Server && o.Alarm.Category == alarm.Category && o.Alarm.Description == alarm.Description))
                return alarm;
        }
        return null;
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
