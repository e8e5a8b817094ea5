namespace Com.Simulator;

/// <summary>One step of an alarm storm: this many alarm events a second across the fleet, for this long.</summary>
internal sealed record StormStep(double RatePerSecond, int Seconds);
