namespace Com.Tests.Infrastructure;

/// <summary>
/// Tests that time a failover of real processes against a bound (every customer green within 30 s) run by themselves,
/// after the parallel ones: two cores shared with a browser and other clusters would measure the neighbours, not COM.
/// </summary>
[CollectionDefinition(nameof(AloneOnTheMachine), DisableParallelization = true)]
public sealed class AloneOnTheMachine;
