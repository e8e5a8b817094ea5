namespace Com.Tests.Infrastructure;

/// <summary>The waiting helper itself: a wait that runs out must fail the test and say why.</summary>
[Trait("Category", "Unit")]
public sealed class EventuallyTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Timeout_FailsNamingWhatWasAwaitedAndTheLastValueSeen()
    {
        var looks = 0;

        var failure = await Should.ThrowAsync<TimeoutException>(() =>
            Eventually.GetAsync(() => Task.FromResult(++looks), n => n < 0, Short, "a negative count"));

        failure.Message.ShouldContain("a negative count");
        failure.Message.ShouldContain($"last value seen: {looks}");
    }

    [Fact]
    public async Task Timeout_AfterTransientFailures_NamesTheLastFailure()
    {
        var failure = await Should.ThrowAsync<TimeoutException>(() =>
            Eventually.TrueAsync(() => throw new HttpRequestException("connection refused"), Short));

        failure.Message.ShouldContain("connection refused");
        failure.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task ConditionMet_ReturnsTheValueThatMetIt()
    {
        var looks = 0;

        (await Eventually.GetAsync(() => Task.FromResult(++looks), n => n == 3)).ShouldBe(3);
    }

    [Fact]
    public async Task StaysAsync_FailsAtTheFirstLookThatBreaksTheClaim()
    {
        var looks = 0;

        // Recorded rather than Should.ThrowAsync, which passes Shouldly's own assertion failures straight through.
        var failure = await Record.ExceptionAsync(() => Eventually.StaysAsync(() => Task.FromResult(++looks), n => n < 2, TimeSpan.FromSeconds(30)));

        failure.ShouldBeOfType<ShouldAssertException>().Message.ShouldContain("saw: 2");
    }

    [Fact]
    public async Task CompletesAsync_NamesTheEventThatNeverCame()
    {
        var never = new TaskCompletionSource<string>();

        var failure = await Should.ThrowAsync<TimeoutException>(() => Eventually.CompletesAsync(never.Task, "the link to close", Short));

        failure.Message.ShouldContain("the link to close");
    }
}
