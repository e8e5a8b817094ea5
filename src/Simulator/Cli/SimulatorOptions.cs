namespace Com.Simulator;

/// <summary>Everything the command line sets; defaults suit a COM started with <c>./com up</c> on this machine.</summary>
internal sealed record SimulatorOptions
{
    /// <summary>COM's link addresses; device i starts on address i mod n (see <see cref="LinkRotation"/>).</summary>
    public IReadOnlyList<Uri> Links { get; init; } = [new("wss://localhost:7443" + Com.DeviceProtocol.ProtocolLimits.LinkPath)];
    public Uri Api { get; init; } = new("https://localhost:7080/com/api/");
    public string? Token { get; init; }
    public string TrustPath { get; init; } = ".data/certs/com.crt";
    public int Customers { get; init; } = 10;
    public int MaxServers { get; init; } = 3;
    /// <summary>The fault plan as typed; null means the demo default for the fleet's size.</summary>
    public string? Faults { get; init; }
    public double AlarmsPerMinute { get; init; }
    public int Seed { get; init; } = 1;
    public string FleetFile { get; init; } = ".data/sim/fleet.json";
    public string NamePrefix { get; init; } = "Demo customer";
    /// <summary>New links a second while the fleet starts; COM limits attempts per address (600 a minute by default).</summary>
    public int ConnectsPerSecond { get; init; } = 500;
    /// <summary>Create the customers COM does not have yet, write the fleet file, and stop without linking.</summary>
    public bool ProvisionOnly { get; init; }
    /// <summary>How long to run; zero runs until Ctrl-C or SIGTERM.</summary>
    public TimeSpan Duration { get; init; }
    /// <summary>Fleet-wide alarm events, step by step; null plays no storm.</summary>
    public StormPlan? AlarmStorm { get; init; }
    /// <summary>The storm starts once every device COM should welcome is linked, or this long after the fleet started.</summary>
    public TimeSpan StormWait { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Where to write a JSON line of figures every second; null writes none.</summary>
    public string? StatsPath { get; init; }
    /// <summary>Where to write what alarms each device believes open; null writes none.</summary>
    public string? LedgerPath { get; init; }
    /// <summary>How often each system's configuration changes a little (a simulated day).</summary>
    public TimeSpan ConfigChangePeriod { get; init; } = TimeSpan.FromDays(1);
    /// <summary>Pad every backup to about this many bytes with generated data; null adds none.</summary>
    public long? BackupSize { get; init; }
    /// <summary>How some customers, by index in the fleet plan, misbehave on COM's commands.</summary>
    public IReadOnlyDictionary<int, BackupFault> BackupFaults { get; init; } = new Dictionary<int, BackupFault>();
    /// <summary>The IANA zone every system reports instead of its own; null keeps each system's.</summary>
    public string? TimeZone { get; init; }

    /// <summary>JSON file mapping tunnel targets (address:port) to loopback ports; without it no tunnel reaches anything.</summary>
    public string? TunnelMapPath { get; init; }

    /// <summary>Loopback ports of the Web Manager stand-ins the run serves, for tunnels the map sends there.</summary>
    public IReadOnlyList<int> WebManagerPorts { get; init; } = [];
}
