namespace Com.Tests.Infrastructure;

/// <summary>
/// Test classes that each would start an identical three-silo cluster share one instead: they create their own
/// customers, users and alarms under fresh names and count only those, so they cannot see each other. Classes that
/// kill silos or change cluster-wide preferences keep a cluster of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedGrainCluster : ICollectionFixture<PostgresCluster>
{
    public const string Name = "shared grain cluster";
}

/// <summary>
/// Device tests that each would start an identical single-silo COM share one: every test provisions its own customer
/// under a name no other uses. Tests that kill the silo or change its settings start their own deployment.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedDeviceGateway : ICollectionFixture<ComDeployment>
{
    public const string Name = "shared device gateway";
}
