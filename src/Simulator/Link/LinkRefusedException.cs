namespace Com.Simulator;

/// <summary>COM answered a hello with <c>refused</c>; <see cref="Reason"/> is one of <c>RefusalReasons</c>.</summary>
public sealed class LinkRefusedException : Exception
{
    public LinkRefusedException()
        : this(string.Empty, "COM refused the link.")
    {
    }

    public LinkRefusedException(string message)
        : this(string.Empty, message)
    {
    }

    public LinkRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = string.Empty;
    }

    public LinkRefusedException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
