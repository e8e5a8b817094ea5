using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Logging;

namespace Com.Grains.Customers;

/// <summary>
/// Closing a device's link without waiting for it: the grain must not hang on a socket of a dying silo, but a close that
/// fails (the link's silo is gone, or a bug) is logged rather than dropped unseen.
/// </summary>
internal static partial class LinkClosing
{
    public static void CloseInBackground(this IDeviceLink link, Guid linkId, string reason, string customerId, ILogger logger) =>
        _ = ObserveAsync(link.CloseAsync(linkId, reason), customerId, reason, logger);

    private static async Task ObserveAsync(Task closing, string customerId, string reason, ILogger logger)
    {
        try
        {
            await closing;
        }
        catch (Exception e)
        {
            LogCloseFailed(logger, e, customerId, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not close the old link of customer {CustomerId} ({Reason}); it ends when its socket does")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception, string customerId, string reason);
}
