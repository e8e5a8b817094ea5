using Com.DeviceProtocol;
using Polly;
using Polly.Retry;

namespace Com.Simulator;

/// <summary>
/// How a device retries opening its link: exponential backoff with jitter up to half a minute, so a fleet
/// does not reconnect in lockstep after COM restarts, and a full minute after a refusal, because a refused
/// device retrying quickly only floods COM with hellos that will be refused again.
/// </summary>
internal static class ReconnectPipeline
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AfterRefusal = TimeSpan.FromSeconds(60);

    /// <summary>One pipeline serves every device: a retry keeps its state per execution, not per pipeline.</summary>
    public static ResiliencePipeline Create() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = FirstDelay,
            MaxDelay = LongestDelay,
            // A refusal for the device's own fault will not change soon; "try again later" is COM failing over, like a drop.
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is LinkRefusedException { Reason: not RefusalReasons.TryAgainLater } ? RefusalDelay() : (TimeSpan?)null),
        })
        .Build();

    // Spread by ±20% so refused devices do not all come back in the same second.
    private static TimeSpan RefusalDelay() => AfterRefusal * (0.8 + (0.4 * Random.Shared.NextDouble()));
}
