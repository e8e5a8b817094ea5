using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Com.Silo.Hosting;

/// <summary>
/// Start-up failures an operator can fix, told in one line on standard error with a distinct exit code instead of a
/// crash dump: today, a port another process already holds.
/// </summary>
public static class StartFailure
{
    /// <summary>The exit code of a process that could not listen because a port was taken.</summary>
    public const int PortInUse = 3;

    /// <summary>Runs the host; a port in use ends it with <see cref="PortInUse"/> and the address it could not take.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (PortTaken(e) is { } cause)
        {
            // The host has logged the whole exception; this line is what someone starting COM by hand reads.
            await Console.Error.WriteLineAsync($"COM could not start: {cause} Stop the process holding it, or give COM another port " +
                "(docs/operations.md lists the settings).");
            return PortInUse;
        }
    }

    private static string? PortTaken(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is AddressInUseException || current is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
                return current == e || e.Message.Length == 0 ? current.Message : $"{e.Message} ({current.Message})";
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(PortTaken).FirstOrDefault(m => m is not null) is { } inner)
                return inner;
        }
        return null;
    }
}
