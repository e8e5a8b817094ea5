namespace Com.Simulator;

/// <summary>
/// Which of COM's link addresses a device tries: device i starts on address i mod n, so a fleet spreads over
/// them, and moves on to the next whenever a link ends or an attempt fails (except when COM answered "try again
/// later": that address is alive), as a system configured with several COM addresses does.
/// </summary>
internal sealed class LinkRotation
{
    private readonly IReadOnlyList<Uri> _links;
    private int _current;

    public LinkRotation(IReadOnlyList<Uri> links, int deviceIndex)
    {
        ArgumentOutOfRangeException.ThrowIfZero(links.Count);
        _links = links;
        _current = deviceIndex % links.Count;
    }

    public Uri Current => _links[_current];

    public void MoveOn() => _current = (_current + 1) % _links.Count;
}
