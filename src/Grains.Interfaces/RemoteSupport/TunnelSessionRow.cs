namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>
/// A tunnel as its audit row (table <c>com_tunnel_sessions</c>) keeps it: the maintenance account, the customer and
/// target, the client's address, the silo holding the client's socket, when it started and ended, the bytes each way
/// (written every few seconds while it runs) and why it ended.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.TunnelSessionRow.v1")]
public sealed record TunnelSessionRow(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Account,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string Target,
    [property: Id(4)] string Client,
    [property: Id(5)] string Silo,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset? EndedAt,
    [property: Id(8)] long BytesUp,
    [property: Id(9)] long BytesDown,
    [property: Id(10)] string? EndReason)
{
    public bool Live => EndedAt is null;

    /// <summary>How long it ran, or has run by <paramref name="now"/> while it is live.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (EndedAt ?? now) - StartedAt;
}
