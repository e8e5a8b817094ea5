using System.Net.Sockets;
using Com.Silo.Devices;
using Com.Silo.RemoteSupport;
using Microsoft.AspNetCore.Connections;

namespace Com.Silo.Hosting;

/// <summary>
/// Start-up failures an operator can fix, told in one line on standard error with an exit code naming their kind,
/// instead of a crash dump: a port another process holds, a database COM cannot use.
/// </summary>
public static class StartFailure
{
    /// <summary>A port COM must listen on is taken.</summary>
    public const int PortInUse = 3;

    /// <summary>No database is configured, or PostgreSQL refused or could not be reached within the start-up budget.</summary>
    public const int DatabaseUnusable = 4;

    /// <summary>Runs the start-up and the host; a failure an operator can fix ends it with its line and exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, Func<Task> start)
    {
        try
        {
            await start();
            return 0;
        }
        catch (Exception e) when (Explain(e, configuration) is { } failure)
        {
            // The host has logged the whole exception where it could; this line is what someone starting COM reads.
            await Console.Error.WriteLineAsync($"COM could not start: {failure.Message}");
            return failure.ExitCode;
        }
    }

    private static (int ExitCode, string Message)? Explain(Exception e, IConfiguration configuration)
    {
        if (Find<Exception>(e, x => x is AddressInUseException || x is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }) is { } taken)
        {
            // Kestrel names the address; Orleans' listeners do not, so the ports COM was given are listed.
            var where = e.Message.Any(char.IsDigit) ? e.Message.TrimEnd('.') : $"{taken.Message.TrimEnd('.')} (ports configured: {Ports(configuration)})";
            return (PortInUse, $"{where}. Stop the process holding it, or give COM another port (docs/operations.md lists the settings).");
        }
        if (Find<DatabaseNotConfiguredException>(e, _ => true) is { } missing)
            return (DatabaseUnusable, missing.Message);
        if (Find<DatabasePreparationException>(e, _ => true) is { } database)
            return (DatabaseUnusable, database.Message);
        return null;
    }

    private static T? Find<T>(Exception e, Func<T, bool> match) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T found && match(found))
                return found;
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(inner => Find(inner, match)).FirstOrDefault(f => f is not null) is { } deep)
                return deep;
        }
        return null;
    }

    // Read through the settings classes, so the defaults are theirs.
    private static string Ports(IConfiguration configuration)
    {
        T Bound<T>(string section) where T : new() => configuration.GetSection(section).Get<T>() ?? new T();
        var web = Bound<WebSettings>(WebSettings.Section);
        var devices = Bound<DeviceGatewaySettings>(DeviceGatewaySettings.Section);
        var cluster = Bound<ClusterSettings>(ClusterSettings.Section);
        var proxy = Bound<ProxySettings>(ProxySettings.Section);
        return $"web {web.Port}, devices {devices.Port}, silo {cluster.SiloPort}, gateway {cluster.GatewayPort}, " +
            $"remote support {proxy.Port}, relay {proxy.RelayPort}";
    }
}

/// <summary>Nothing tells the silo where its database is.</summary>
public sealed class DatabaseNotConfiguredException(string message) : Exception(message);

/// <summary>PostgreSQL refused the silo, or could not be reached within the start-up budget.</summary>
public sealed class DatabasePreparationException(string message, Exception inner) : Exception(message, inner);
