using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// Whether a user may relay to a customer's Web Manager (SPEC RS-7): COM asks when it hands the user over, and the relay
/// asks again every <see cref="ProxySettings.RelayRecheckInterval"/>, so a demoted, disabled or deleted user, or one
/// who no longer sees the customer, stops relaying within that interval rather than after the cookie's hours.
/// </summary>
public sealed class RelayRights(IGrainFactory grains, TimeProvider time)
{
    /// <summary>
    /// The customer's own answer for <paramref name="actor"/>, as its page gets it: the customer grain refuses a user who
    /// may not see it. A customer that does not exist is not seen either.
    /// </summary>
    /// <exception cref="Exception">Anything but the grain's refusal: the cluster could not answer, and the caller decides
    /// what a pending check means.</exception>
    public async Task<bool> SeesAsync(Actor actor, string customerId)
    {
        try
        {
            return await grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(customerId)).GetDetailsAsync(actor) is not null;
        }
        catch (Com.Grains.Interfaces.Accounts.AccountRejectedException)
        {
            // The grain's refusal of a user who may not see the customer; any other failure is not an answer.
            return false;
        }
    }

    /// <summary>
    /// Why the user of <paramref name="session"/> may no longer relay to <paramref name="customerId"/>, for the log and
    /// the browser; null while they still may. The role is the account's current one, not the one the user had when
    /// handed over; a changed security stamp (a new password, say) ends the session as it ends the user's COM session.
    /// </summary>
    public async Task<string?> RefusalAsync(RelaySession session, string customerId)
    {
        var login = session.Login;
        var user = grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login));
        var account = await user.GetAsync();
        if (account is null)
            return "your account no longer exists";
        if (account.Details.Disabled)
            return "your account is disabled";
        if (account.Details.ExpiresAt is { } expiry && expiry <= time.GetUtcNow())
            return "your account has expired";
        if (!Permissions.Allows(account.Details.Role, Capability.LaunchApplication))
            return $"your role ({account.Details.Role}) no longer launches applications";
        if (!await SeesAsync(new Actor(login, account.Details.Role), customerId))
            return "you no longer see this customer";
        return await user.SessionStampAsync() == session.Stamp ? null : "your password or account settings changed since COM opened this Web Manager";
    }
}
