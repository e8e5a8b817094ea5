namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>
/// A signed-in proxy account asks for a tunnel to one of a customer's servers (SPEC RS-2). <paramref name="Server"/> is
/// the server's name as the host name spells it (<see cref="ServerNames.Slug"/>), null for the system itself;
/// <paramref name="CoLocated"/> a nearby server's IPv4 address, reached through that server; for the admin relay, the
/// address of one of the system's own servers (its <c>/&lt;customer-id&gt;/&lt;a.b.c.d&gt;/</c> form). <paramref name="Connect"/>
/// is where the system dials back with the tunnel's bytes, on the silo that holds the client.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.TunnelRequest.v1")]
public sealed record TunnelRequest(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string AccountKind,
    [property: Id(2)] string AccountName,
    [property: Id(3)] string? Server,
    [property: Id(4)] string? CoLocated,
    [property: Id(5)] int Port,
    [property: Id(6)] string Connect,
    [property: Id(7)] TunnelPurpose Purpose = TunnelPurpose.Support);

/// <summary>
/// Who asks. <see cref="TunnelPurpose.Support"/>: a maintenance proxy account (SPEC RS-2), allowed by the system's remote
/// access flag. <see cref="TunnelPurpose.AdminRelay"/>: a COM user through the admin relay (SPEC RS-7), whose scope the
/// relay checked, allowed by the system's central management flag, to the system's own servers only.
/// </summary>
[GenerateSerializer, Alias("com.TunnelPurpose")]
public enum TunnelPurpose
{
    Support = 0,
    AdminRelay = 1,
}

/// <summary>What the customer grain made of a tunnel request.</summary>
[GenerateSerializer, Alias("com.TunnelRefusal")]
public enum TunnelRefusal
{
    None = 0,
    /// <summary>No such customer, or no server of that name: 404.</summary>
    NotFound = 1,
    /// <summary>The account, the system's flags or its whitelist do not allow it: 403.</summary>
    Forbidden = 2,
    /// <summary>The system is not linked, or its link could not take the request: 502.</summary>
    Unavailable = 3,
}

/// <summary>
/// The verdict: opened (the tunnel-open went out through the system's link, to <paramref name="Target"/>) or refused
/// with a reason a support engineer can act on.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.TunnelVerdict.v1")]
public sealed record TunnelVerdict(
    [property: Id(0)] TunnelRefusal Refusal,
    [property: Id(1)] string Reason,
    [property: Id(2)] string? Target = null)
{
    public bool Opened => Refusal == TunnelRefusal.None;

    public static TunnelVerdict Open(string target) => new(TunnelRefusal.None, "opened", target);
}

/// <summary>What a system is asked to connect to, sent through its link.</summary>
[GenerateSerializer, Immutable, Alias("com.TunnelOpening.v1")]
public sealed record TunnelOpening(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string Address,
    [property: Id(2)] int Port,
    [property: Id(3)] string Connect);
