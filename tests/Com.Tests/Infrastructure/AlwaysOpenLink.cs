using System.Collections.Concurrent;
using Com.Grains.Interfaces.Commands;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.RemoteSupport;

namespace Com.Tests.Infrastructure;

/// <summary>A device link for grain tests without sockets: always open, and it keeps the commands and tunnel requests sent through it.</summary>
public class AlwaysOpenLink : IDeviceLink
{
    public ConcurrentQueue<DeviceCommand> Commands { get; } = new();

    public ConcurrentQueue<TunnelOpening> Tunnels { get; } = new();

    public Task<bool> IsOpenAsync(Guid linkId) => Task.FromResult(true);

    public virtual Task CloseAsync(Guid linkId, string reason) => Task.CompletedTask;

    public Task<bool> SendCommandAsync(Guid linkId, DeviceCommand command)
    {
        Commands.Enqueue(command);
        return Task.FromResult(true);
    }

    public Task<bool> OpenTunnelAsync(Guid linkId, TunnelOpening opening)
    {
        Tunnels.Enqueue(opening);
        return Task.FromResult(true);
    }
}
