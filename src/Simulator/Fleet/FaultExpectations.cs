namespace Com.Simulator;

/// <summary>What COM makes of each fault at the hello; the storm waits only for the devices COM will welcome.</summary>
internal static class FaultExpectations
{
    public static bool IsWelcomed(this Fault fault) => fault is
        Fault.None or Fault.Legacy or Fault.Flapping or Fault.OfflineServer or Fault.MissingUpgradeRight;
}
