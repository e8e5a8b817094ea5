namespace Com.Grains.Interfaces.Commands;

/// <summary>
/// What a job asks of one system: <paramref name="Command"/> (<c>backup</c>, <c>restore</c>) on
/// <paramref name="Items"/>; <paramref name="FileId"/> is the file a restore sends down.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.CommandOrder")]
public sealed record CommandOrder(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] Guid JobId,
    [property: Id(2)] string Command,
    [property: Id(3)] string[] Items,
    [property: Id(4)] Guid? FileId = null);
