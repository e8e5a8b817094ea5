using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>The servers a device reports now; a server it takes offline stays offline across links.</summary>
internal sealed class DeviceNetwork(IReadOnlyList<ServerMessage> servers)
{
    public IReadOnlyList<ServerMessage> Servers { get; private set; } = servers;

    public bool AllOnline => Servers.All(s => s.Online);

    /// <summary>Takes the last non-primary server offline; false when there is none to take.</summary>
    public bool TakeOneOffline()
    {
        var index = Servers.Count - 1;
        if (index < 1)
            return false;
        Servers = Servers.Select((s, i) => i == index ? s with { Online = false } : s).ToList();
        return true;
    }
}
