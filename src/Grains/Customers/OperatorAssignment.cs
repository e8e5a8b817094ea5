using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Customers;

/// <summary>
/// Who may assign whom to a customer by hand (SPEC ROLE-3, USER-3): Administrators assign any account of an
/// Operator-type role; Supervisors assign and unassign only the Operators they created, and only on customers they
/// were assigned to by hand themselves; an Operator adding a customer may assign only itself.
/// </summary>
internal static class OperatorAssignment
{
    /// <exception cref="AccountRejectedException">The actor may not make one of the changes.</exception>
    /// <exception cref="CustomerRejectedException">An added login is no account, or one of a role without customers to assign.</exception>
    public static async Task RequireAsync(IGrainFactory grains, Actor actor, CustomerRecord? before, CustomerRecord after)
    {
        var previous = before?.OperatorList ?? [];
        var added = after.OperatorList.Except(previous, StringComparer.OrdinalIgnoreCase).ToArray();
        var removed = previous.Except(after.OperatorList, StringComparer.OrdinalIgnoreCase).ToArray();
        if (added.Length == 0 && removed.Length == 0)
            return;
        var actorAssignedByHand = previous.Contains(actor.Login, StringComparer.OrdinalIgnoreCase);
        foreach (var login in added.Concat(removed))
        {
            var account = await grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login)).GetAsync();
            var isAdded = added.Contains(login, StringComparer.OrdinalIgnoreCase);
            if (isAdded && account is null)
                throw new CustomerRejectedException("AssignedOperatorUnknown");
            if (isAdded && !Permissions.HasLabels(account!.Details.Role))
                throw new CustomerRejectedException("AssignedOperatorWrongRole");
            if (!MayChange(actor, login, account, before is null, actorAssignedByHand))
                throw new AccountRejectedException("NotAllowed");
        }
    }

    private static bool MayChange(Actor actor, string login, AccountView? account, bool creating, bool actorAssignedByHand) => actor.Role switch
    {
        Role.Administrator => true,
        Role.Supervisor => actorAssignedByHand && account is not null
            && Permissions.MayManageAccount(actor.Role, actor.Login, account.Details.Role, account.CreatedBy),
        Role.Operator => creating && string.Equals(login, actor.Login, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
