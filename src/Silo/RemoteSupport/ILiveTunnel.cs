namespace Com.Silo.RemoteSupport;

/// <summary>
/// A tunnel running on this silo, as <see cref="LiveTunnels"/> sees it: its counts for the sessions page, how long it
/// has been quiet for the idle timeout, and a way to end it (a terminate, a timeout, the silo stopping).
/// </summary>
public interface ILiveTunnel
{
    /// <summary>Bytes from the client to the system.</summary>
    long BytesUp { get; }

    /// <summary>Bytes from the system to the client.</summary>
    long BytesDown { get; }

    TimeSpan Idle { get; }

    /// <summary>Ends the tunnel; the first reason given is the one recorded. A tunnel already over ignores it.</summary>
    void Close(string reason);
}
