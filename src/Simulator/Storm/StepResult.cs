namespace Com.Simulator;

/// <summary>What one storm step did: events sent, the storm's acks received during it, and what was left unacknowledged at its end.</summary>
internal sealed record StepResult(int Index, StormStep Step, long Sent, LatencySummary Acks, long UnackedAtEnd);
