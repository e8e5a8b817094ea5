namespace Com.Simulator;

/// <summary>What a command run needs of its device and link.</summary>
/// <param name="Customer">The system that runs the command.</param>
/// <param name="Client">The link the command came on; progress and result go back on it.</param>
/// <param name="Link">The link's address; files are on the same host and port.</param>
/// <param name="Configuration">The configuration the system runs.</param>
/// <param name="Servers">The servers progress is reported for.</param>
/// <param name="Settings">What the fleet shares for commands.</param>
internal sealed record CommandContext(
    CustomerPlan Customer,
    DeviceClient Client,
    Uri Link,
    DeviceConfiguration Configuration,
    IReadOnlyList<string> Servers,
    CommandSettings Settings)
{
    public BackupFault Fault => Settings.FaultOf(Customer.Index);

    /// <summary>The server a failing transfer blames: the last of the network, the primary on a single-server system.</summary>
    public string FailingServer => Customer.Servers[^1].Name;
}

/// <summary>Outcome of a command run, as its result says it.</summary>
internal sealed record CommandOutcome(bool Ok, string Detail, bool Restart = false);
