using Com.DeviceProtocol;
using Polly;
using Polly.Retry;

namespace Com.Simulator;

/// <summary>
/// How a device retries opening its link: exponential backoff with jitter up to half a minute after a drop, so a
/// fleet does not reconnect in lockstep after COM restarts (also after a hello that arrived too late); a full minute
/// after a refusal, because a refused device retrying quickly only floods COM with hellos that will be refused again;
/// and a few seconds after "try again later", because COM is failing over and will take the link as soon as the dead
/// silo is declared dead.
/// </summary>
internal static class ReconnectPipeline
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AfterRefusal = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AfterTryAgainLaterShortest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AfterTryAgainLaterLongest = TimeSpan.FromSeconds(5);
    // "Try again later" also means COM is overloaded: after this many in a row (about half a minute of them, as long as
    // a cluster may take to declare a killed silo dead and take over its grains), the growing back-off takes over.
    internal const int QuickRetries = 10;

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
            DelayGenerator = args => ValueTask.FromResult(DelayAfter(args.Outcome.Exception, args.AttemptNumber)),
        })
        .Build();

    /// <summary>The wait before the next attempt after this failure; null means the exponential backoff's.</summary>
    internal static TimeSpan? DelayAfter(Exception? failure, int attempt = 0) => failure switch
    {
        // Growing the wait here would only add the backoff to the failover time the operator sees.
        LinkRefusedException { Reason: RefusalReasons.TryAgainLater } when attempt < QuickRetries => Between(AfterTryAgainLaterShortest, AfterTryAgainLaterLongest),
        LinkRefusedException { Reason: RefusalReasons.TryAgainLater } => null,
        // A hello that reached COM too late says the way there was slow (a busy network, COM taking a link storm), not
        // that the device is wrong: it tries again like after a drop.
        LinkRefusedException { Reason: RefusalReasons.HelloTimeout } => null,
        // A refusal for the device's own fault will not change soon; spread by ±20% so refused devices do not all come back in the same second.
        LinkRefusedException => AfterRefusal * (0.8 + (0.4 * Random.Shared.NextDouble())),
        _ => null,
    };

    private static TimeSpan Between(TimeSpan shortest, TimeSpan longest) => shortest + ((longest - shortest) * Random.Shared.NextDouble());
}
