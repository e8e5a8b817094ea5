using Com.Grains.Customers;

namespace Com.Tests.Grains.Customers;

/// <summary>Issue 15 item 4: a customer that cannot reach the directory backs off instead of retrying every second forever.</summary>
[Trait("Category", "Unit")]
public sealed class DirectoryPublisherTests
{
    [Fact]
    public void RetryDelays_DoubleFromOneSecond_UpToFiveSeconds()
    {
        int[] failures = [1, 2, 3, 4, 5, 6, 7, 100];

        failures.Select(f => DirectoryPublisher.RetryDelay(f).TotalSeconds).ShouldBe([1, 2, 4, 5, 5, 5, 5, 5]);
    }
}
