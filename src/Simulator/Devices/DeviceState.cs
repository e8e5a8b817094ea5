namespace Com.Simulator;

/// <summary>Where a simulated device's link stands, as the summary line counts it.</summary>
internal enum DeviceState
{
    Idle = 0,
    Connecting,
    Connected,
    Refused,
}
