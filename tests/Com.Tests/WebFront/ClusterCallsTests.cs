using Com.Grains.Interfaces.Customers;
using Com.WebFront.Accounts;
using Microsoft.Extensions.Logging;

namespace Com.Tests.WebFront;

/// <summary>The one place account and customer pages turn a grain call's exception into a message.</summary>
[Trait("Category", "Unit")]
public sealed class ClusterCallsTests
{
    private readonly WarningLog log = new();

    private ClusterCalls Calls() => new(null!, log);

    [Fact]
    public void AFailover_AsksTheUserToTryAgain_AndIsLoggedWithItsStackTrace()
    {
        var failover = Thrown(() => throw new TimeoutException("silo 2 did not answer"));

        Calls().ReasonOf(failover).ShouldBe(ClusterCalls.TryAgainLater);

        var logged = log.Exceptions.ShouldHaveSingleItem();
        logged.ShouldBeSameAs(failover);
        logged.StackTrace.ShouldNotBeNull();
    }

    [Fact]
    public void ARefusal_ComesBackAsItsResourceKey_WithoutAWarning()
    {
        Calls().ReasonOf(new CustomerRejectedException("CustomerNameTaken")).ShouldBe("CustomerNameTaken");

        log.Exceptions.ShouldBeEmpty("a refusal is an answer, not a failure");
    }

    [Fact]
    public void ABugInAGrain_IsNotTakenForAFailover()
    {
        Calls().ReasonOf(new InvalidOperationException("bug")).ShouldBeNull("a bug must surface, not read as 'try again later'");
    }

    private static Exception Thrown(Action fail)
    {
        try
        {
            fail();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new InvalidOperationException("nothing was thrown");
    }

    private sealed class WarningLog : ILogger<ClusterCalls>
    {
        public List<Exception> Exceptions { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
                Exceptions.Add(exception);
        }
    }
}
