using Com.Grains.Interfaces.Accounts;
using Com.Storage.Audit;
using Orleans.Concurrency;

namespace Com.Grains.Accounts;

/// <summary>Reads the audit log for Administrators; stateless, so reads run on whichever silo is asked.</summary>
[StatelessWorker]
public sealed class SecurityAuditGrain(SecurityAuditLog log, SecurityClock clock) : Grain, ISecurityAuditGrain
{
    public async Task<SecurityEventView[]> ReadAsync(Actor actor, int skip, int take, string? account)
    {
        if (!Permissions.Allows(actor.Role, Capability.ManageAllAccounts))
            throw new AccountRejectedException("NotAllowed");
        await ActorCheck.RequireAsync(GrainFactory, actor, clock.Now);
        var events = await log.ReadAsync(skip, take, string.IsNullOrWhiteSpace(account) ? null : account.Trim());
        return [.. events.Select(e => new SecurityEventView(e.At, e.Event, e.Actor, e.Subject, e.Detail, e.Address))];
    }
}
