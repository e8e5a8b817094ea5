using Com.Grains.Interfaces.Accounts;

namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>
/// The maintenance proxy accounts' page's door (SPEC RS-1). Key: 0; stateless, so any silo answers. A user sees and sets
/// only the accounts whose reseller or distributor name matches one of its labels, and only with
/// <see cref="Capability.ManageProxyAccounts"/> (Supervisors and Operators). Administrators and Support have no labels and
/// no remote-support rights in SPEC ROLE, so they neither see nor set these credentials: an Administrator who must
/// act gives a Supervisor the reseller's label.
/// </summary>
[Alias("com.IProxyAccountsGrain")]
public interface IProxyAccountsGrain : IGrainWithIntegerKey
{
    /// <summary>The accounts <paramref name="actor"/> may set, by kind and name.</summary>
    /// <exception cref="AccountRejectedException">"NotAllowed": a role without the right, or one the actor no longer holds.</exception>
    [Alias("List")]
    Task<ProxyAccountView[]> ListAsync(Actor actor);

    /// <summary>
    /// The accounts of <paramref name="actor"/>'s labels as the remote-support information of a customer shows them
    /// (SPEC RS-5): for <see cref="Capability.RemoteSupportAddresses"/>, so Read-only users see the user name they sign in
    /// with, never who set it. Accounts that customers name but that are missing are left to <see cref="ListAsync"/>.
    /// </summary>
    /// <exception cref="AccountRejectedException">"NotAllowed": a role without the right, or one the actor no longer holds.</exception>
    [Alias("ListForSupport")]
    Task<ProxyAccountView[]> ListForSupportAsync(Actor actor);

    /// <summary>Sets an account's user name and password; only the password's salted hash is stored.</summary>
    /// <returns>The account as stored now.</returns>
    /// <exception cref="AccountRejectedException">
    /// "NotAllowed", an invalid user name or password (<see cref="ProxyAccountRules"/>), "ProxyUserNameTaken" (another
    /// account has it, without case), "ProxyAccountUnknown", or "ProxyCredentialsAlreadySet" without
    /// <see cref="ProxyCredentials.Replace"/>; nothing changes.
    /// </exception>
    [Alias("SetCredentials")]
    Task<ProxyAccountView> SetCredentialsAsync(Actor actor, ProxyCredentials credentials);
}
