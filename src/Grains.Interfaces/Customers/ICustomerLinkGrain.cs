using Com.Grains.Interfaces.Alarms;

namespace Com.Grains.Interfaces.Customers;

/// <summary>
/// A customer as its device gateway sees it: the system connects, reports its servers and alarms, and loses its link.
/// Key: <see cref="CustomerIds.GrainKey"/>; the same activation serves <see cref="ICustomerAdministrationGrain"/>.
/// </summary>
[Alias("com.ICustomerLinkGrain")]
public interface ICustomerLinkGrain : IGrainWithStringKey
{
    /// <summary>A device presents its credentials and network; a newer link replaces an older one.</summary>
    [Alias("Connect")]
    Task<LinkVerdict> ConnectAsync(LinkHello hello, IDeviceLink link);

    /// <summary>Something connected for this customer but its hello made no sense (SPEC LINK-3 "connection failed").</summary>
    [Alias("ReportConnectionFailed")]
    Task ReportConnectionFailedAsync();

    /// <summary>The socket of <paramref name="linkId"/> is gone; ignored when a newer link has taken over.</summary>
    [Alias("LinkLost")]
    Task LinkLostAsync(Guid linkId, DateTimeOffset at);

    /// <summary>The device reports a change of its servers (one went offline, a version changed).</summary>
    /// <returns>True once the change is stored; false when <paramref name="linkId"/> is no longer the customer's link.</returns>
    [Alias("ReportServers")]
    Task<bool> ReportServersAsync(Guid linkId, ServerInfo[] servers);

    /// <summary>The device raises or clears an alarm; raising one already ongoing, or clearing one that is not, changes nothing.</summary>
    /// <returns>True once the alarm state is stored; false when <paramref name="linkId"/> is no longer the customer's link.</returns>
    [Alias("ReportAlarm")]
    Task<bool> ReportAlarmAsync(Guid linkId, AlarmReport alarm);
}
