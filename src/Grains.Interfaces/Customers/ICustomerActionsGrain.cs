namespace Com.Grains.Interfaces.Customers;

/// <summary>
/// A customer as the job engine and the automatic backup see it: a system runs one backup, restore or upgrade at a time
/// (SPEC JOB-5). A job takes the system's action lock before it acts and ends it when done. Key:
/// <see cref="CustomerIds.GrainKey"/>; the same activation serves <see cref="ICustomerAdministrationGrain"/>.
/// </summary>
/// <remarks>
/// The lock is stored with the customer, so a silo's crash does not free it. A lease that its job never ends expires
/// after a bound per action (hours, longer than any healthy run) and the next request replaces it, saying so.
/// </remarks>
[Alias("com.ICustomerActionsGrain")]
public interface ICustomerActionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the system's action lock for <paramref name="request"/>'s job. Refused, changing nothing, when another job's
    /// lease stands (naming its action, job and start), when COM only monitors the system, or when the system reported
    /// its remote upgrade/backup flag off. The job that already holds the lease gets it again, so a lost answer can be retried.
    /// </summary>
    [Alias("BeginAction")]
    Task<ActionGrant> BeginActionAsync(ActionRequest request);

    /// <summary>
    /// Releases the lock <paramref name="jobId"/> holds and records its outcome for the customer's status. Only the holder
    /// releases it; ending a lease that is not held, or held by another job, changes nothing and says so.
    /// </summary>
    [Alias("EndAction")]
    Task<ActionRelease> EndActionAsync(string jobId, ActionOutcome outcome);

    /// <summary>Sends <paramref name="command"/> through the system's live link; false when it has none.</summary>
    [Alias("SendCommand")]
    Task<bool> SendCommandAsync(Commands.DeviceCommand command);
}
