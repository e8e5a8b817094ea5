using Com.DeviceProtocol;

namespace Com.Tests.Infrastructure;

/// <summary>Hellos of a healthy Server Edition system with two servers, to be bent by each test into the case it needs.</summary>
public static class Hellos
{
    public static HelloMessage Healthy(string customerId, string password) => new(
        "1",
        ProtocolLimits.Version,
        customerId,
        "COMAdmin",
        password,
        "primary",
        new SystemInfo($"PBX {customerId}", "Server Edition", "12.1.0.0"),
        [
            new ServerMessage("primary", "primary", "10.1.0.1", "Server Edition", "12.1.0.0"),
            new ServerMessage("secondary", "secondary", "10.1.0.2", "Server Edition", "12.1.0.0"),
        ],
        new FlagsMessage(true, true, true, true, true, false, false),
        [new TunnelMessage("10.1.0.50", 3389, "RDP")],
        new AccountMessage());
}
