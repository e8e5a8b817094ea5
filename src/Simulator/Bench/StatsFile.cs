using System.Buffers;
using System.Text.Json;

namespace Com.Simulator;

/// <summary>
/// The <c>--stats</c> file: one JSON object a line, written whole and flushed at once, so a harness can
/// follow the file while the run goes on. Lines come from the once-a-second reporter and from the storm.
/// </summary>
internal sealed class StatsFile : IDisposable
{
    private readonly Lock _lock = new();
    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _line = new(512);
    private bool _failed;

    private StatsFile(FileStream stream) => _stream = stream;

    /// <summary>Starts the file empty; a rerun with the same path does not mix its lines with an old run's.</summary>
    public static StatsFile Create(string path) => new(BenchFiles.CreateForWriting("--stats", path));

    public void WriteSecond(SecondStats second) => WriteLine(json =>
    {
        json.WriteNumber("t", Math.Round(second.Seconds, 3));
        json.WriteNumber("connected", second.Connected);
        json.WriteNumber("refused", second.Refused);
        json.WriteNumber("connecting", second.Connecting);
        json.WriteNumber("alarmsSent", second.AlarmsSent);
        json.WriteNumber("alarmsAcked", second.AlarmsAcked);
        json.WriteNumber("alarmsSuperseded", second.AlarmsSuperseded);
        json.WriteNumber("unacked", second.Unacked);
        json.WriteNumber("backupsSent", second.Commands.BackupsSent);
        json.WriteNumber("backupsFailed", second.Commands.BackupsFailed);
        json.WriteNumber("restoresApplied", second.Commands.RestoresApplied);
        json.WriteNumber("restoresFailed", second.Commands.RestoresFailed);
        json.WriteNumber("commandsRejected", second.Commands.Rejected);
        json.WriteNumber("commandsIgnored", second.Commands.Ignored);
        json.WriteNumber("step", second.Step);
        json.WriteNumber("stepRate", second.StepRate);
        WriteAcks(json, "acks", second.Acks);
    });

    public void WriteStepEnd(StepResult result) => WriteLine(json =>
    {
        json.WriteNumber("stepEnd", result.Index);
        json.WriteNumber("rate", result.Step.RatePerSecond);
        json.WriteNumber("seconds", result.Step.Seconds);
        json.WriteNumber("sent", result.Sent);
        WriteAcks(json, "acked", result.Acks);
        json.WriteNumber("unackedAtEnd", result.UnackedAtEnd);
    });

    public void Dispose() => _stream.Dispose();

    private static void WriteAcks(Utf8JsonWriter json, string countName, LatencySummary acks)
    {
        json.WriteNumber(countName, acks.Count);
        WriteMilliseconds(json, "ackP50Ms", acks.P50);
        WriteMilliseconds(json, "ackP99Ms", acks.P99);
        WriteMilliseconds(json, "ackMaxMs", acks.Max);
    }

    private static void WriteMilliseconds(Utf8JsonWriter json, string name, double? milliseconds)
    {
        if (milliseconds is { } value)
            json.WriteNumber(name, Math.Round(value, 3));
        else
            json.WriteNull(name);
    }

    private void WriteLine(Action<Utf8JsonWriter> body)
    {
        lock (_lock)
        {
            if (_failed)
                return;
            _line.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_line))
            {
                json.WriteStartObject();
                body(json);
                json.WriteEndObject();
            }
            _line.Write("\n"u8);
            try
            {
                _stream.Write(_line.WrittenSpan);
                _stream.Flush();
            }
            catch (IOException)
            {
                // A full disk must not stop the devices; the harness sees the lines end.
                _failed = true;
            }
        }
    }
}
