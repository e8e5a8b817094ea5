namespace Com.Grains.Interfaces.Commands;

/// <summary>
/// One command sent to one system, keyed by a new Guid that is also the command's <c>id</c> on the link. It sends the
/// command through the customer's live link, checks the one-time token of the file transfer, and gathers the device's
/// progress and result. Its job polls it; bytes never pass through it (the transfer streams between socket and store).
/// </summary>
[Alias("com.IDeviceCommandGrain")]
public interface IDeviceCommandGrain : IGrainWithGuidKey
{
    /// <summary>Sends the command; Failed at once when the system is not linked.</summary>
    [Alias("Start")]
    Task<CommandView> StartAsync(CommandOrder order);

    /// <summary>Null when the command was never started or has been forgotten.</summary>
    [Alias("Get")]
    Task<CommandView?> GetAsync();

    /// <summary>A device presents the secret part of the command's token; it is good for one transfer while the command runs.</summary>
    [Alias("OpenTransfer")]
    Task<TransferGrant> OpenTransferAsync(string secret, TransferKind kind);

    /// <summary>The upload is stored. False when the command ended meanwhile: the caller deletes the file.</summary>
    [Alias("UploadStored")]
    Task<bool> UploadStoredAsync(StoredUpload upload);

    /// <summary>The upload broke off; the command fails with <paramref name="reason"/>.</summary>
    [Alias("TransferBroke")]
    Task TransferBrokeAsync(string reason);

    /// <summary>The device reports progress on one of its servers; ignored from another customer's link.</summary>
    [Alias("ReportProgress")]
    Task ReportProgressAsync(string customerId, string server, int percent);

    /// <summary>The device reports the command's end; ignored from another customer's link or once ended.</summary>
    [Alias("ReportResult")]
    Task ReportResultAsync(string customerId, bool ok, string? detail);

    /// <summary>The link the command went out on closed before its result.</summary>
    [Alias("LinkLost")]
    Task LinkLostAsync(string customerId);

    /// <summary>The job gives up (the device fell silent); fails the command with <paramref name="reason"/> unless it ended.</summary>
    [Alias("Abandon")]
    Task<CommandView> AbandonAsync(string reason);

    /// <summary>Clears the stored state once the job has recorded the outcome.</summary>
    [Alias("Forget")]
    Task ForgetAsync();
}
