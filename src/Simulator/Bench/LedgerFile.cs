using System.Globalization;
using System.Text.Json;

namespace Com.Simulator;

/// <summary>
/// The <c>--ledger</c> file: per customer ID, how many alarms the device has raised and not cleared, which a
/// harness compares with the ongoing alarms COM shows. It is replaced in one step, so a reader never sees half of it.
/// </summary>
internal sealed class LedgerFile
{
    private const string Option = "--ledger";

    private readonly string _path;
    private readonly IReadOnlyList<string> _customerIds;
    private readonly FleetAlarms _alarms;
    private long _writtenAfterSent = -1;

    private LedgerFile(string path, IReadOnlyList<string> customerIds, FleetAlarms alarms)
    {
        _path = path;
        _customerIds = customerIds;
        _alarms = alarms;
    }

    /// <summary>Tried before the run starts, so a bad path fails the start rather than the end of a long run.</summary>
    /// <exception cref="SimulatorException">The file cannot be written.</exception>
    public static void CheckWritable(string path)
    {
        // Only a scratch file: the ledger itself appears once it means something.
        BenchFiles.CreateForWriting(Option, TemporaryPath(path)).Dispose();
        File.Delete(TemporaryPath(path));
    }

    /// <summary>A ledger of <paramref name="customerIds"/>, given by device index in the fleet plan.</summary>
    public static LedgerFile For(string path, IReadOnlyList<string> customerIds, FleetAlarms alarms) => new(path, customerIds, alarms);

    /// <summary>Writes once COM has acknowledged everything after the storm, and again whenever more alarms were acknowledged since.</summary>
    public void WriteIfSettled(bool stormFinished)
    {
        var sent = _alarms.Counters.AlarmsSent;
        if (!stormFinished || _alarms.Counters.Unacknowledged != 0 || sent == _writtenAfterSent)
            return;
        Write();
        _writtenAfterSent = sent;
    }

    public void Write()
    {
        var temporary = TemporaryPath(_path);
        using (var stream = BenchFiles.CreateForWriting(Option, temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("customers");
            for (var device = 0; device < _customerIds.Count; device++)
                json.WriteNumber(_customerIds[device], _alarms.Outbox(device).OpenAlarms);
            json.WriteEndObject();
            json.WriteNumber("unacked", _alarms.Counters.Unacknowledged);
            json.WriteString("written", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        File.Move(temporary, _path, overwrite: true);
    }

    private static string TemporaryPath(string path) => path + ".tmp";
}
