namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>
/// Makes an admin relay ticket single-use across the cluster (SPEC RS-7). Key: the ticket's random nonce. A ticket rides
/// in a URL, where browser history, logs and Referer headers may keep it; whichever silo redeems it first claims it here,
/// one activation for the whole cluster, and every later claim is refused.
/// </summary>
[Alias("com.IRelayTicketGrain")]
public interface IRelayTicketGrain : IGrainWithStringKey
{
    /// <summary>
    /// True for the first claim only. <paramref name="validUntil"/> is the ticket's expiry: the claim is remembered at
    /// least until then (in memory, as nothing needs it once the ticket has expired).
    /// </summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(DateTimeOffset validUntil);
}
