using Com.DeviceProtocol;
using Com.Simulator;

namespace Com.Tests.Simulator;

/// <summary>How long a simulated device waits before relinking, by what ended its last attempt.</summary>
[Trait("Category", "Unit")]
public sealed class ReconnectDelayTests
{
    [Fact]
    public void TryAgainLater_WaitsOneToFiveSeconds_EveryTime()
    {
        var delays = Enumerable.Range(0, 200)
            .Select(_ => ReconnectPipeline.DelayAfter(new LinkRefusedException(RefusalReasons.TryAgainLater, "failing over")).ShouldNotBeNull())
            .ToList();

        delays.ShouldAllBe(d => d >= TimeSpan.FromSeconds(1) && d <= TimeSpan.FromSeconds(5));
        delays.Distinct().Count().ShouldBeGreaterThan(1, "the wait is spread so a fleet does not come back in the same second");
    }

    [Fact]
    public void TryAgainLater_TenTimesInARow_FallsBackToTheGrowingBackoff()
    {
        var refusal = new LinkRefusedException(RefusalReasons.TryAgainLater, "overloaded");

        ReconnectPipeline.DelayAfter(refusal, attempt: ReconnectPipeline.QuickRetries - 1).ShouldNotBeNull();
        ReconnectPipeline.DelayAfter(refusal, attempt: ReconnectPipeline.QuickRetries).ShouldBeNull("an overloaded COM must not be hammered every few seconds");
    }

    [Fact]
    public void RefusalForTheDevicesOwnFault_WaitsAboutAMinute()
    {
        var delay = ReconnectPipeline.DelayAfter(new LinkRefusedException(RefusalReasons.AuthorisationFailed, "bad password")).ShouldNotBeNull();

        delay.ShouldBeInRange(TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72));
    }

    [Fact]
    public void DroppedLink_UsesTheGrowingBackoff()
    {
        ReconnectPipeline.DelayAfter(new IOException("connection reset")).ShouldBeNull();
    }

    [Fact]
    public void HelloThatArrivedTooLate_UsesTheGrowingBackoff_NotTheMinuteOfARefusal()
    {
        ReconnectPipeline.DelayAfter(new LinkRefusedException(RefusalReasons.HelloTimeout, "no hello within 3 s")).ShouldBeNull();
    }
}
