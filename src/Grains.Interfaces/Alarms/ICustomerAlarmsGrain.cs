using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Interfaces.Alarms;

/// <summary>A customer's alarm list as users act on it (SPEC ALRM-4). Key: <see cref="CustomerIds.GrainKey"/>.</summary>
[Alias("com.ICustomerAlarmsGrain")]
public interface ICustomerAlarmsGrain : IGrainWithStringKey
{
    /// <summary>Removes alarms from the list (SPEC ALRM-4); alarms the system still raises are kept and counted.</summary>
    /// <exception cref="AccountRejectedException">The actor may not clear alarms, or does not see this customer.</exception>
    [Alias("ClearAlarms")]
    Task<AlarmClearResult> ClearAlarmsAsync(Actor actor, AlarmKey[] keys);

    /// <summary>Removes every alarm of one type that is no longer ongoing (SPEC ALRM-4 "clear all of one type").</summary>
    /// <exception cref="AccountRejectedException">The actor may not clear alarms, or does not see this customer.</exception>
    [Alias("ClearAlarmType")]
    Task<AlarmClearResult> ClearAlarmTypeAsync(Actor actor, AlarmCategory category);
}
