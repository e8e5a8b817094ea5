namespace Com.Simulator;

/// <summary>
/// The devices with a welcomed link, as a set the storm can draw from uniformly in constant time:
/// members sit packed at the front of an array, and each device knows its slot.
/// </summary>
internal sealed class ConnectedDevices
{
    private const int Absent = -1;

    private readonly Lock _lock = new();
    private readonly int[] _members;
    private readonly int[] _slotOf;
    private readonly bool[] _everWelcomed;
    private int _count;
    private int _welcomedOnce;

    public ConnectedDevices(int devices)
    {
        _members = new int[devices];
        _slotOf = Enumerable.Repeat(Absent, devices).ToArray();
        _everWelcomed = new bool[devices];
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Devices welcomed at least once; a flapping device counts even while it reconnects.</summary>
    public int WelcomedOnce => Volatile.Read(ref _welcomedOnce);

    public void Add(int device)
    {
        lock (_lock)
        {
            if (_slotOf[device] != Absent)
                return;
            _members[_count] = device;
            _slotOf[device] = _count;
            _count++;
            if (!_everWelcomed[device])
            {
                _everWelcomed[device] = true;
                _welcomedOnce++;
            }
        }
    }

    public void Remove(int device)
    {
        lock (_lock)
        {
            var slot = _slotOf[device];
            if (slot == Absent)
                return;
            var last = _members[--_count];
            _members[slot] = last;
            _slotOf[last] = slot;
            _slotOf[device] = Absent;
        }
    }

    public bool TryPick(Random random, out int device)
    {
        lock (_lock)
        {
            device = _count > 0 ? _members[random.Next(_count)] : Absent;
            return _count > 0;
        }
    }
}
