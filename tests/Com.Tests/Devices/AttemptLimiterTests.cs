using Com.Silo.Devices;
using Microsoft.Extensions.Time.Testing;

namespace Com.Tests.Devices;

/// <summary>The per-address attempt limit of the device gateway, on a clock the test moves.</summary>
[Trait("Category", "Unit")]
public sealed class AttemptLimiterTests
{
    private const string Address = "203.0.113.7";

    [Fact]
    public void Burst_AcrossTheClocksMinute_IsCountedAsOne()
    {
        // Half a second before a full minute: a limit counted per clock minute would start afresh halfway through.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 59, 500, TimeSpan.Zero));
        var limiter = new AttemptLimiter(time);

        var answers = new List<bool>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            answers.Add(limiter.TryAttempt(Address, 5));
            time.Advance(TimeSpan.FromMilliseconds(200));
        }

        answers.ShouldBe([true, true, true, true, true, false, false, false]);
    }

    [Fact]
    public void Address_OverItsLimit_IsAdmittedAgainOnlyAMinuteAfterItsFirstAttempt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 30, TimeSpan.Zero));
        var limiter = new AttemptLimiter(time);
        for (var attempt = 0; attempt < 3; attempt++)
            limiter.TryAttempt(Address, 3).ShouldBeTrue();
        limiter.TryAttempt(Address, 3).ShouldBeFalse();

        time.Advance(AttemptLimiter.Window - TimeSpan.FromMilliseconds(1));
        limiter.TryAttempt(Address, 3).ShouldBeFalse("the minute that started with the first attempt is not over");

        time.Advance(TimeSpan.FromMilliseconds(1));
        limiter.TryAttempt(Address, 3).ShouldBeTrue("a new minute starts with this attempt");
    }

    [Fact]
    public void Addresses_AreCountedApart()
    {
        var limiter = new AttemptLimiter(new FakeTimeProvider());
        limiter.TryAttempt(Address, 1).ShouldBeTrue();
        limiter.TryAttempt(Address, 1).ShouldBeFalse();

        limiter.TryAttempt("198.51.100.1", 1).ShouldBeTrue("another address has its own count");
    }
}
