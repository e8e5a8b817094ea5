using Com.Grains.Accounts;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Storage.RemoteSupport;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Com.Grains.RemoteSupport;

/// <summary>
/// Lists the tunnel audit from PostgreSQL and ends live tunnels through the registry of the silo in the row's
/// <c>silo</c> column. No state, so any silo can answer; every call first checks the actor's account and role.
/// </summary>
[StatelessWorker]
public sealed partial class TunnelSessionsGrain(TunnelSessionStore store, TimeProvider time, ILogger<TunnelSessionsGrain> logger)
    : Grain, ITunnelSessionsGrain
{
    public async Task<TunnelSessionPage> QueryAsync(Actor actor, TunnelSessionQuery query)
    {
        await ActorCheck.RequireAsync(GrainFactory, actor, time.GetUtcNow(), Capability.TunnelSessions);
        return await store.QueryAsync(query);
    }

    public async Task<TunnelTermination> TerminateAsync(Actor actor, Guid sessionId)
    {
        await ActorCheck.RequireAsync(GrainFactory, actor, time.GetUtcNow(), Capability.TunnelSessions);
        if (await store.GetAsync(sessionId) is not { } session)
            return new TunnelTermination(TerminationOutcome.NotFound, null);
        if (session.EndedAt is not null)
            return new TunnelTermination(TerminationOutcome.AlreadyEnded, session.ToRow());
        bool? stopped;
        try
        {
            stopped = await GrainFactory.GetGrain<ITunnelHostRegistryGrain>(session.Silo).TerminateAsync(sessionId, $"terminated by {actor.Login}");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            LogHostUnreachable(e, sessionId, session.Silo);
            stopped = null;
        }
        if (stopped == true)
        {
            LogTerminated(sessionId, actor.Login, session.Silo);
            return new TunnelTermination(TerminationOutcome.Terminated, session.ToRow());
        }
        if (stopped == false)
        {
            // The relay ended between the read and the call: its own end is (or is about to be) in the row.
            var now = await store.GetAsync(sessionId) ?? session;
            return new TunnelTermination(now.EndedAt is null ? TerminationOutcome.NotFound : TerminationOutcome.AlreadyEnded, now.ToRow());
        }
        return await EndOfGoneSiloAsync(session, actor);
    }

    /// <summary>
    /// No host answered for the silo. Only when membership says the silo is gone may the row be ended here: a live silo
    /// whose registration is merely being renewed still holds the sockets.
    /// </summary>
    private async Task<TunnelTermination> EndOfGoneSiloAsync(TunnelSession session, Actor actor)
    {
        var active = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        if (active.Keys.Any(s => s.ToParsableString() == session.Silo))
            return new TunnelTermination(TerminationOutcome.Unreachable, session.ToRow());
        var reason = $"terminated by {actor.Login}; its silo had left the cluster";
        await store.EndAsync(session.Id, time.GetUtcNow(), session.BytesUp, session.BytesDown, reason);
        LogEndedForGoneSilo(session.Id, actor.Login, session.Silo);
        return new TunnelTermination(TerminationOutcome.SiloGone, (await store.GetAsync(session.Id) ?? session).ToRow());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tunnel {SessionId} terminated by {Login} on silo {Silo}")]
    private partial void LogTerminated(Guid sessionId, string login, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tunnel {SessionId}'s silo {Silo} could not be asked to end it")]
    private partial void LogHostUnreachable(Exception exception, Guid sessionId, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tunnel {SessionId} ended in the audit by {Login}: its silo {Silo} left the cluster")]
    private partial void LogEndedForGoneSilo(Guid sessionId, string login, string silo);
}
