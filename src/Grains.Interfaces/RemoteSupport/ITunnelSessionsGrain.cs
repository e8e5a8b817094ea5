using Com.Grains.Interfaces.Accounts;

namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>
/// The tunnel sessions page's grain (SPEC RS-6): lists the audit and ends live tunnels, for Administrators only. Runs
/// on whichever silo is closest, from PostgreSQL and the silos' own tunnel hosts. Key: 0.
/// </summary>
[Alias("com.ITunnelSessionsGrain")]
public interface ITunnelSessionsGrain : IGrainWithIntegerKey
{
    /// <exception cref="AccountRejectedException">The actor may not see tunnel sessions.</exception>
    /// <exception cref="ArgumentException">The query is malformed (<see cref="TunnelSessionQuery.Problem"/>).</exception>
    [Alias("Query")]
    Task<TunnelSessionPage> QueryAsync(Actor actor, TunnelSessionQuery query);

    /// <summary>
    /// Ends a live tunnel on the silo holding its client's socket; the audit records "terminated by" the actor. A tunnel
    /// whose silo has left the cluster is ended in the audit alone, since its sockets went with the silo.
    /// </summary>
    /// <exception cref="AccountRejectedException">The actor may not end tunnels.</exception>
    [Alias("Terminate")]
    Task<TunnelTermination> TerminateAsync(Actor actor, Guid sessionId);
}

/// <summary>What a terminate did.</summary>
[GenerateSerializer, Alias("com.TerminationOutcome")]
public enum TerminationOutcome
{
    /// <summary>The silo holding the tunnel stopped it; its audit row ends a moment later.</summary>
    Terminated = 0,
    /// <summary>It had ended already; <see cref="TunnelTermination.Session"/> says when and why.</summary>
    AlreadyEnded = 1,
    NotFound = 2,
    /// <summary>Its silo left the cluster: the row was ended in the audit, the sockets having died with the silo.</summary>
    SiloGone = 3,
    /// <summary>Its silo is in the cluster but did not answer; nothing changed.</summary>
    Unreachable = 4,
}

/// <summary>The outcome of a terminate and the tunnel's row as it stood then (null when not found).</summary>
[GenerateSerializer, Immutable, Alias("com.TunnelTermination.v1")]
public sealed record TunnelTermination([property: Id(0)] TerminationOutcome Outcome, [property: Id(1)] TunnelSessionRow? Session);
