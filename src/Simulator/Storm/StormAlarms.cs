using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// The storm alarms each device has open, and the next event of a device: raise a new alarm or clear its
/// oldest. Only the storm's one loop uses it, so it needs no lock.
/// </summary>
internal sealed class StormAlarms(IReadOnlyList<CustomerPlan> customers, Random random)
{
    private const int MostOpenPerDevice = 4;
    private static readonly string[] Severities = ["critical", "major", "minor", "warning"];
    private static readonly string[] Categories = ["configuration", "trunk", "link", "services", "qos", "security"];

    private readonly List<AlarmMessage>?[] _open = new List<AlarmMessage>?[customers.Count];
    // COM keys an alarm by server, category and description, so every storm alarm gets a description of its own.
    private long _raised;
    // Alarms a previous run left open stay open in COM; a run's own tag keeps this run's descriptions from matching them.
    private readonly string _run = Convert.ToString(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond % 1_000_000, 16);

    public AlarmMessage NextEvent(int device)
    {
        var open = _open[device] ??= new List<AlarmMessage>(MostOpenPerDevice);
        if (open.Count < MostOpenPerDevice && (open.Count == 0 || random.Next(2) == 0))
        {
            var raised = Raise(customers[device].Servers);
            open.Add(raised);
            return raised;
        }
        var oldest = open[0];
        open.RemoveAt(0);
        return oldest with { Ongoing = false };
    }

    private AlarmMessage Raise(IReadOnlyList<ServerMessage> servers) => new(
        Id: null,
        Server: servers[random.Next(servers.Count)].Name,
        Severity: Severities[random.Next(Severities.Length)],
        Category: Categories[random.Next(Categories.Length)],
        Description: $"Storm alarm {_run}-{++_raised}",
        Ongoing: true);
}
