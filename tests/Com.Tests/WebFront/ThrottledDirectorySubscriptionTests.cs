using System.Threading.Channels;
using Com.Grains.Interfaces.Customers;
using Com.Overview.Customers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Com.Tests.WebFront.DirectoryFeedTestRows;

namespace Com.Tests.WebFront;

/// <summary>The one subscription every page uses: filtered, at most one redraw per interval, failures logged, gone with the page.</summary>
[Trait("Category", "Unit")]
public sealed class ThrottledDirectorySubscriptionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider time = new();
    private readonly Channel<int> redraws = Channel.CreateUnbounded<int>();
    private readonly FailureLog log = new();
    private int count;
    private long batch = 7;

    private Task ChangeAsync(CustomerDirectoryFeed feed, string id) =>
        feed.ChangedAsync([Row(id, 0, TrafficLight.Red)], new DirectoryPosition(Activation, ++batch));

    private ThrottledDirectorySubscription Subscribe(CustomerDirectoryFeed feed, Func<DirectoryChange, bool> relevant, Func<Task>? redraw = null) =>
        new DirectoryChanges(feed, time, log).Subscribe(relevant, redraw ?? (() =>
        {
            redraws.Writer.TryWrite(Interlocked.Increment(ref count));
            return Task.CompletedTask;
        }));

    private async Task<int> NextRedrawAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await redraws.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"waited {Patience} for a redraw; {count} so far");
        }
    }

    [Fact]
    public async Task ManyChangesWithinOneInterval_RedrawOnce_AfterTheInterval()
    {
        var feed = await LoadedAsync(batch, Row("a", 0));
        using var subscription = Subscribe(feed, _ => true);

        for (var i = 0; i < 5; i++)
            await ChangeAsync(feed, "a");
        time.Advance(DirectoryChanges.RedrawInterval - TimeSpan.FromMilliseconds(1));
        count.ShouldBe(0, "no redraw before the interval has passed");
        time.Advance(TimeSpan.FromMilliseconds(1));

        (await NextRedrawAsync()).ShouldBe(1);
        await ChangeAsync(feed, "a");
        time.Advance(DirectoryChanges.RedrawInterval);
        (await NextRedrawAsync()).ShouldBe(2, "five changes made one redraw, the sixth change the second");
    }

    [Fact]
    public async Task AChangeThePageDoesNotShow_AsksForNoRedraw()
    {
        var feed = await LoadedAsync(batch, Row("a", 0), Row("b", 0));
        using var subscription = Subscribe(feed, change => change.Touches("b"));

        await ChangeAsync(feed, "a");
        subscription.Pending.ShouldBeFalse("customer a's page ignores customer b");
        await ChangeAsync(feed, "b");
        subscription.Pending.ShouldBeTrue();
    }

    [Fact]
    public async Task AFailedRedraw_IsLoggedWithItsException_AndTheNextChangeRedrawsAgain()
    {
        var feed = await LoadedAsync(batch, Row("a", 0));
        var calls = 0;
        using var subscription = Subscribe(feed, _ => true, () => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("circuit gone")
            : Task.CompletedTask);

        await ChangeAsync(feed, "a");
        time.Advance(DirectoryChanges.RedrawInterval);
        var logged = await log.Failure.Task.WaitAsync(Patience);

        logged.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("circuit gone");
        logged.StackTrace.ShouldNotBeNull("the log keeps where it failed");
        await ChangeAsync(feed, "a");
        subscription.Pending.ShouldBeTrue("a failure does not leave the page deaf");
    }

    [Fact]
    public async Task ADisposedSubscription_HearsNoMoreChanges()
    {
        var feed = await LoadedAsync(batch, Row("a", 0));
        var subscription = Subscribe(feed, _ => true);

        subscription.Dispose();
        await ChangeAsync(feed, "a");
        subscription.Request();

        subscription.Pending.ShouldBeFalse();
    }

    /// <summary>Completes with the first exception logged.</summary>
    private sealed class FailureLog : ILogger<DirectoryChanges>
    {
        public TaskCompletionSource<Exception> Failure { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
                Failure.TrySetResult(exception);
        }
    }
}
