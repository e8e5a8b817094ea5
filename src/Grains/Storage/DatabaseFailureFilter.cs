using Com.Grains.Interfaces.Storage;
using Com.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Com.Grains.Storage;

/// <summary>
/// Npgsql's exceptions cannot leave a silo: Orleans has no codec for them, so a caller on another silo or a web front got
/// a serialization error instead of the cause, and could not tell PostgreSQL restarting from a bug. Here a grain call
/// that fails on the database is logged with the database's exception and stack trace, then answered with an exception
/// every caller can read: <see cref="DatabaseUnavailableException"/> when the database is unreachable for now (retry),
/// <see cref="InvalidOperationException"/> naming the SQL state otherwise (a fault).
/// </summary>
internal sealed partial class DatabaseFailureFilter(ILogger<DatabaseFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (NpgsqlException e)
        {
            var call = $"{context.ImplementationMethod.DeclaringType?.Name}.{context.ImplementationMethod.Name} of {context.TargetId}";
            var state = (e as PostgresException)?.SqlState ?? "none";
            if (DatabaseResilience.IsTransient(e))
            {
                LogUnavailable(e, call, state);
                throw new DatabaseUnavailableException($"PostgreSQL could not be reached during {call} (SQL state {state}): {e.Message}");
            }
            LogFailed(e, call, state);
            throw new InvalidOperationException($"PostgreSQL failed {call} (SQL state {state}): {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL could not be reached during {Call} (SQL state {SqlState}); the caller may retry")]
    private partial void LogUnavailable(Exception exception, string call, string sqlState);

    [LoggerMessage(Level = LogLevel.Error, Message = "PostgreSQL failed {Call} (SQL state {SqlState})")]
    private partial void LogFailed(Exception exception, string call, string sqlState);
}
