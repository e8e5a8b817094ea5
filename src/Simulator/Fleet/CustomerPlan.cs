using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>One simulated customer: who it is in COM, the network its system reports, and its fault.</summary>
public sealed record CustomerPlan(
    int Index,
    string Name,
    string Reseller,
    string Distributor,
    ContactPlan Contact,
    SystemInfo System,
    IReadOnlyList<ServerMessage> Servers,
    FlagsMessage Flags,
    IReadOnlyList<TunnelMessage> Tunnels,
    Fault Fault);

public sealed record ContactPlan(string Name, string Email);
