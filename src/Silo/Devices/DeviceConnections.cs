using System.Collections.Concurrent;

namespace Com.Silo.Devices;

/// <summary>
/// The silo's open device sockets. Holding them here also keeps each connection alive for Orleans, whose observer
/// references are weak.
/// </summary>
public sealed class DeviceConnections
{
    private readonly ConcurrentDictionary<DeviceConnection, byte> open = new();

    public int Count => open.Count;

    public int Linked => open.Keys.Count(c => c.CustomerId is not null);

    public void Add(DeviceConnection connection) => open.TryAdd(connection, 0);

    public void Remove(DeviceConnection connection) => open.TryRemove(connection, out _);
}
