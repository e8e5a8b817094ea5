namespace Com.Grains.Interfaces.Backups;

public enum DiffKind
{
    Unchanged,

    /// <summary>A line of the left version replaced by a line of the right one, shown on one row.</summary>
    Changed,

    /// <summary>Only in the right (newer) version.</summary>
    Added,

    /// <summary>Only in the left (older) version.</summary>
    Removed,
}
