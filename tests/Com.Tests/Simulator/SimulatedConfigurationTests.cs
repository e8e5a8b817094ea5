using System.Security.Cryptography;
using System.Text;
using Com.Simulator;
using static Com.Tests.Simulator.SimulatedBackupFixtures;

namespace Com.Tests.Simulator;

/// <summary>The configuration a simulated system runs: deterministic, a few lines changed a day, hashed into the hello.</summary>
[Trait("Category", "Unit")]
public sealed class SimulatedConfigurationTests
{
    [Fact]
    public void Render_SameCustomerAndPeriod_GivesTheSameText_InAnotherFleetBuildToo()
    {
        var once = Plans()[2];
        var again = Plans()[2];

        PbxConfiguration.Render(once, 20_000).ShouldBe(PbxConfiguration.Render(again, 20_000));
    }

    [Fact]
    public void Render_DifferentCustomers_GiveDifferentTexts()
    {
        var texts = Plans().Select(c => PbxConfiguration.Render(c, 20_000)).ToList();

        texts.Distinct().Count().ShouldBe(texts.Count);
    }

    [Fact]
    public void Render_IsAFewHundredLines_WithSectionsPerServerAndSecretsToMask()
    {
        var customer = Plans().First(c => c.Servers.Count >= 2);
        var lines = PbxConfiguration.Render(customer, 20_000).Split('\n');

        lines.Length.ShouldBeInRange(200, 800);
        foreach (var server in customer.Servers)
            lines.ShouldContain($"[server {server.Name}]");
        lines.ShouldContain("[system]");
        lines.Count(l => l.StartsWith("[user ", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(30);
        lines.ShouldContain(l => l.StartsWith("[huntgroup ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("[trunk ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("password=", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("pin=", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("admin-password=", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_EachNextPeriod_ChangesAFewLines_NeverNone()
    {
        var customer = Plans()[0];
        for (var day = 20_000L; day < 20_020; day++)
        {
            var before = PbxConfiguration.Render(customer, day).Split('\n');
            var after = PbxConfiguration.Render(customer, day + 1).Split('\n');

            var changed = ChangedLines(before, after);
            changed.ShouldBeGreaterThan(2, $"day {day} to {day + 1} changes more than the revision comment");
            changed.ShouldBeLessThan(before.Length / 4, $"day {day} to {day + 1} changes only a few lines");
        }
    }

    [Fact]
    public void Hash_FollowsTheClockAcrossAPeriod_AndIsTheSha256OfTheBytes()
    {
        var customer = Plans()[1];
        var clock = Clock();
        var configuration = new DeviceConfiguration(customer, new ConfigurationClock(clock, Day));
        var today = configuration.Hash();

        today.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(configuration.Bytes())));
        today.ShouldMatch("^[0-9a-f]{64}$");
        clock.Advance(TimeSpan.FromHours(1));
        configuration.Hash().ShouldBe(today, "the same day runs the same configuration");
        clock.Advance(Day);
        configuration.Hash().ShouldNotBe(today, "a day later a few lines changed");
        configuration.Hash().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(configuration.Bytes())));
    }

    [Fact]
    public void ConfigChangePeriod_OfTenSeconds_ChangesTheConfigurationEveryTenSeconds()
    {
        var customer = Plans()[1];
        var clock = Clock();
        var configuration = new DeviceConfiguration(customer, new ConfigurationClock(clock, TimeSpan.FromSeconds(10)));
        var now = configuration.Hash();

        clock.Advance(TimeSpan.FromSeconds(10));

        configuration.Hash().ShouldNotBe(now);
    }

    [Fact]
    public void Restore_RunsTheRestoredBytes_AndTheHelloReportsTheirHash_WhateverTheDay()
    {
        var customer = Plans()[3];
        var clock = Clock();
        var configuration = new DeviceConfiguration(customer, new ConfigurationClock(clock, Day));
        var restored = Encoding.UTF8.GetBytes("[system]\nname=restored\n");

        configuration.Restore(restored);
        clock.Advance(Day * 3);

        configuration.Bytes().ShouldBe(restored);
        var hello = HelloFactory.Create(customer, Credentials(customer), customer.Servers, configuration.Hash(), "UTC");
        hello.System.Configuration.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(restored)));
        hello.System.Name.ShouldBe(customer.System.Name);
    }

    /// <summary>Lines gone plus lines new, counting repeated lines as often as they occur.</summary>
    private static int ChangedLines(string[] before, string[] after)
    {
        var counts = before.CountBy(l => l).ToDictionary(p => p.Key, p => p.Value);
        var added = 0;
        foreach (var line in after)
        {
            if (counts.TryGetValue(line, out var left) && left > 0)
                counts[line] = left - 1;
            else
                added++;
        }
        return added + counts.Values.Sum();
    }
}
