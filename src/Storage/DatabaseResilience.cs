using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Com.Storage;

/// <summary>Retry policy for reaching PostgreSQL, which may start after COM or restart under it.</summary>
public static class DatabaseResilience
{
    public static ResiliencePipeline StartupPipeline(TimeSpan budget, Action<string>? onRetry = null) =>
        // The timeout comes first so it bounds all attempts together, not each one.
        new ResiliencePipelineBuilder()
            .AddTimeout(budget)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    onRetry?.Invoke($"database not reachable yet (attempt {args.AttemptNumber + 1}): {args.Outcome.Exception?.Message}");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>Errors worth retrying: the server is down, starting, restarting or refusing connections for now.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException pg => pg.SqlState is "57P03" or "57P01" or "53300" or "08006" or "08001",
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        SocketException or TimeoutException => true,
        _ => false,
    };
}
