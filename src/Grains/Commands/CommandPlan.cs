using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Commands;

/// <summary>
/// One system's command as an operation plans it: the action it locks the system for, who asks, the order for the
/// system's profile (what a backup holds depends on it), and what to do once the device succeeded.
/// </summary>
public sealed record CommandPlan(
    CustomerAction Action,
    ActionOrigin Origin,
    Func<SystemProfile, CommandOrder> Order,
    Func<CommandView, Task>? OnSucceeded = null);
