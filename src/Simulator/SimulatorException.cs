namespace Com.Simulator;

/// <summary>A problem the user can fix (options, certificate, token, COM unreachable); the message says how.</summary>
public sealed class SimulatorException : Exception
{
    public SimulatorException()
    {
    }

    public SimulatorException(string message)
        : base(message)
    {
    }

    public SimulatorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
